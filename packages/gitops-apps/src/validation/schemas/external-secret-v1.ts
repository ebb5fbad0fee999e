/* eslint-disable */
// Vendored by vendor-external-secrets.mjs from external-secrets/external-secrets helm-chart-2.9.0 (cc5bfbc2234ace9cb0caff4ea89c435cf517b27b): do not edit.
// Licensed under the Apache License, Version 2.0; see the `license` field.
import type { VendoredCrdSchema } from '../structural-schema';

export const EXTERNAL_SECRET_V1: VendoredCrdSchema = {
  "kinds": [
    "external-secrets.io/v1 ExternalSecret"
  ],
  "source": [
    "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/config/crds/bases/external-secrets.io_externalsecrets.yaml"
  ],
  "tag": "helm-chart-2.9.0",
  "commit": "cc5bfbc2234ace9cb0caff4ea89c435cf517b27b",
  "license": "Apache-2.0 (Copyright The external-secrets Authors; https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/LICENSE)",
  "pruned": "nothing",
  "schema": {
    "description": "ExternalSecret is the Schema for the external-secrets API.\nIt defines how to fetch data from external APIs and make it available as Kubernetes Secrets.",
    "properties": {
      "apiVersion": {
        "description": "APIVersion defines the versioned schema of this representation of an object.\nServers should convert recognized schemas to the latest internal value, and\nmay reject unrecognized values.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
        "type": "string"
      },
      "kind": {
        "description": "Kind is a string value representing the REST resource this object represents.\nServers may infer this from the endpoint the client submits requests to.\nCannot be updated.\nIn CamelCase.\nMore info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds",
        "type": "string"
      },
      "metadata": {
        "type": "object"
      },
      "spec": {
        "description": "ExternalSecretSpec defines the desired state of ExternalSecret.",
        "properties": {
          "data": {
            "description": "Data defines the connection between the Kubernetes Secret keys and the Provider data",
            "items": {
              "description": "ExternalSecretData defines the connection between the Kubernetes Secret key (spec.data.<key>) and the Provider data.",
              "properties": {
                "remoteRef": {
                  "description": "RemoteRef points to the remote secret and defines\nwhich secret (version/property/..) to fetch.",
                  "properties": {
                    "conversionStrategy": {
                      "description": "Used to define a conversion Strategy. Defaults to Default when omitted.",
                      "enum": [
                        "Default",
                        "Unicode"
                      ],
                      "type": "string"
                    },
                    "decodingStrategy": {
                      "description": "Used to define a decoding Strategy. Defaults to None when omitted.",
                      "enum": [
                        "Auto",
                        "Base64",
                        "Base64URL",
                        "None"
                      ],
                      "type": "string"
                    },
                    "key": {
                      "description": "Key is the key used in the Provider, mandatory",
                      "type": "string"
                    },
                    "metadataPolicy": {
                      "description": "Policy for fetching tags/labels from provider secrets, possible options are Fetch, None. Defaults to None",
                      "enum": [
                        "None",
                        "Fetch"
                      ],
                      "type": "string"
                    },
                    "nullBytePolicy": {
                      "description": "Controls how ESO handles fetched secret data containing NUL bytes for this source.",
                      "enum": [
                        "Ignore",
                        "Fail"
                      ],
                      "type": "string"
                    },
                    "property": {
                      "description": "Used to select a specific property of the Provider value (if a map), if supported",
                      "type": "string"
                    },
                    "version": {
                      "description": "Used to select a specific version of the Provider value, if supported",
                      "type": "string"
                    }
                  },
                  "required": [
                    "key"
                  ],
                  "type": "object"
                },
                "secretKey": {
                  "description": "The key in the Kubernetes Secret to store the value.",
                  "maxLength": 253,
                  "minLength": 1,
                  "pattern": "^[-._a-zA-Z0-9]+$",
                  "type": "string"
                },
                "sourceRef": {
                  "description": "SourceRef allows you to override the source\nfrom which the value will be pulled.",
                  "maxProperties": 1,
                  "minProperties": 1,
                  "properties": {
                    "generatorRef": {
                      "description": "GeneratorRef points to a generator custom resource.\n\nDeprecated: The generatorRef is not implemented in .data[].\nthis will be removed with v1.",
                      "properties": {
                        "apiVersion": {
                          "default": "generators.external-secrets.io/v1alpha1",
                          "description": "Specify the apiVersion of the generator resource",
                          "type": "string"
                        },
                        "kind": {
                          "description": "Specify the Kind of the generator resource",
                          "enum": [
                            "ACRAccessToken",
                            "BeyondtrustWorkloadCredentialsDynamicSecret",
                            "ClusterGenerator",
                            "CloudsmithAccessToken",
                            "ECRAuthorizationToken",
                            "Fake",
                            "GCRAccessToken",
                            "GithubAccessToken",
                            "GitlabDeployToken",
                            "QuayAccessToken",
                            "Password",
                            "SSHKey",
                            "STSSessionToken",
                            "UUID",
                            "VaultDynamicSecret",
                            "Webhook",
                            "Grafana",
                            "MFA"
                          ],
                          "type": "string"
                        },
                        "name": {
                          "description": "Specify the name of the generator resource",
                          "maxLength": 253,
                          "minLength": 1,
                          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                          "type": "string"
                        }
                      },
                      "required": [
                        "kind",
                        "name"
                      ],
                      "type": "object"
                    },
                    "storeRef": {
                      "description": "SecretStoreRef defines which SecretStore to fetch the ExternalSecret data.",
                      "properties": {
                        "kind": {
                          "description": "Kind of the SecretStore resource (SecretStore or ClusterSecretStore)\nDefaults to `SecretStore`",
                          "enum": [
                            "SecretStore",
                            "ClusterSecretStore"
                          ],
                          "type": "string"
                        },
                        "name": {
                          "description": "Name of the SecretStore resource",
                          "maxLength": 253,
                          "minLength": 1,
                          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                          "type": "string"
                        }
                      },
                      "type": "object"
                    }
                  },
                  "type": "object"
                }
              },
              "required": [
                "remoteRef",
                "secretKey"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "dataFrom": {
            "description": "DataFrom is used to fetch all properties from a specific Provider data\nIf multiple entries are specified, the Secret keys are merged in the specified order",
            "items": {
              "description": "ExternalSecretDataFromRemoteRef defines the connection between the Kubernetes Secret keys and the Provider data\nwhen using DataFrom to fetch multiple values from a Provider.",
              "properties": {
                "extract": {
                  "description": "Used to extract multiple key/value pairs from one secret\nNote: Extract does not support sourceRef.Generator or sourceRef.GeneratorRef.",
                  "properties": {
                    "conversionStrategy": {
                      "description": "Used to define a conversion Strategy. Defaults to Default when omitted.",
                      "enum": [
                        "Default",
                        "Unicode"
                      ],
                      "type": "string"
                    },
                    "decodingStrategy": {
                      "description": "Used to define a decoding Strategy. Defaults to None when omitted.",
                      "enum": [
                        "Auto",
                        "Base64",
                        "Base64URL",
                        "None"
                      ],
                      "type": "string"
                    },
                    "key": {
                      "description": "Key is the key used in the Provider, mandatory",
                      "type": "string"
                    },
                    "metadataPolicy": {
                      "description": "Policy for fetching tags/labels from provider secrets, possible options are Fetch, None. Defaults to None",
                      "enum": [
                        "None",
                        "Fetch"
                      ],
                      "type": "string"
                    },
                    "nullBytePolicy": {
                      "description": "Controls how ESO handles fetched secret data containing NUL bytes for this source.",
                      "enum": [
                        "Ignore",
                        "Fail"
                      ],
                      "type": "string"
                    },
                    "property": {
                      "description": "Used to select a specific property of the Provider value (if a map), if supported",
                      "type": "string"
                    },
                    "version": {
                      "description": "Used to select a specific version of the Provider value, if supported",
                      "type": "string"
                    }
                  },
                  "required": [
                    "key"
                  ],
                  "type": "object"
                },
                "find": {
                  "description": "Used to find secrets based on tags or regular expressions\nNote: Find does not support sourceRef.Generator or sourceRef.GeneratorRef.",
                  "properties": {
                    "conversionStrategy": {
                      "description": "Used to define a conversion Strategy. Defaults to Default when omitted.",
                      "enum": [
                        "Default",
                        "Unicode"
                      ],
                      "type": "string"
                    },
                    "decodingStrategy": {
                      "description": "Used to define a decoding Strategy. Defaults to None when omitted.",
                      "enum": [
                        "Auto",
                        "Base64",
                        "Base64URL",
                        "None"
                      ],
                      "type": "string"
                    },
                    "name": {
                      "description": "Finds secrets based on the name.",
                      "properties": {
                        "regexp": {
                          "description": "Finds secrets base",
                          "type": "string"
                        }
                      },
                      "type": "object"
                    },
                    "nullBytePolicy": {
                      "description": "Controls how ESO handles fetched secret data containing NUL bytes for this find source.",
                      "enum": [
                        "Ignore",
                        "Fail"
                      ],
                      "type": "string"
                    },
                    "path": {
                      "description": "A root path to start the find operations.",
                      "type": "string"
                    },
                    "tags": {
                      "additionalProperties": {
                        "type": "string"
                      },
                      "description": "Find secrets based on tags.",
                      "type": "object"
                    }
                  },
                  "type": "object"
                },
                "rewrite": {
                  "description": "Used to rewrite secret Keys after getting them from the secret Provider\nMultiple Rewrite operations can be provided. They are applied in a layered order (first to last)",
                  "items": {
                    "description": "ExternalSecretRewrite defines how to rewrite secret data values before they are written to the Secret.",
                    "maxProperties": 1,
                    "minProperties": 1,
                    "properties": {
                      "merge": {
                        "description": "Used to merge key/values in one single Secret\nThe resulting key will contain all values from the specified secrets",
                        "properties": {
                          "conflictPolicy": {
                            "default": "Error",
                            "description": "Used to define the policy to use in conflict resolution.",
                            "enum": [
                              "Ignore",
                              "Error"
                            ],
                            "type": "string"
                          },
                          "into": {
                            "default": "",
                            "description": "Used to define the target key of the merge operation.\nRequired if strategy is JSON. Ignored otherwise.",
                            "type": "string"
                          },
                          "priority": {
                            "description": "Used to define key priority in conflict resolution.",
                            "items": {
                              "type": "string"
                            },
                            "type": "array"
                          },
                          "priorityPolicy": {
                            "default": "Strict",
                            "description": "Used to define the policy when a key in the priority list does not exist in the input.",
                            "enum": [
                              "IgnoreNotFound",
                              "Strict"
                            ],
                            "type": "string"
                          },
                          "strategy": {
                            "default": "Extract",
                            "description": "Used to define the strategy to use in the merge operation.",
                            "enum": [
                              "Extract",
                              "JSON"
                            ],
                            "type": "string"
                          }
                        },
                        "type": "object"
                      },
                      "regexp": {
                        "description": "Used to rewrite with regular expressions.\nThe resulting key will be the output of a regexp.ReplaceAll operation.",
                        "properties": {
                          "source": {
                            "description": "Used to define the regular expression of a re.Compiler.",
                            "type": "string"
                          },
                          "target": {
                            "description": "Used to define the target pattern of a ReplaceAll operation.",
                            "type": "string"
                          }
                        },
                        "required": [
                          "source",
                          "target"
                        ],
                        "type": "object"
                      },
                      "transform": {
                        "description": "Used to apply string transformation on the secrets.\nThe resulting key will be the output of the template applied by the operation.",
                        "properties": {
                          "template": {
                            "description": "Used to define the template to apply on the secret name.\n`.value ` will specify the secret name in the template.",
                            "type": "string"
                          }
                        },
                        "required": [
                          "template"
                        ],
                        "type": "object"
                      }
                    },
                    "type": "object"
                  },
                  "type": "array"
                },
                "sourceRef": {
                  "description": "SourceRef points to a store or generator\nwhich contains secret values ready to use.\nUse this in combination with Extract or Find pull values out of\na specific SecretStore.\nWhen sourceRef points to a generator Extract or Find is not supported.\nThe generator returns a static map of values",
                  "maxProperties": 1,
                  "minProperties": 1,
                  "properties": {
                    "generatorRef": {
                      "description": "GeneratorRef points to a generator custom resource.",
                      "properties": {
                        "apiVersion": {
                          "default": "generators.external-secrets.io/v1alpha1",
                          "description": "Specify the apiVersion of the generator resource",
                          "type": "string"
                        },
                        "kind": {
                          "description": "Specify the Kind of the generator resource",
                          "enum": [
                            "ACRAccessToken",
                            "BeyondtrustWorkloadCredentialsDynamicSecret",
                            "ClusterGenerator",
                            "CloudsmithAccessToken",
                            "ECRAuthorizationToken",
                            "Fake",
                            "GCRAccessToken",
                            "GithubAccessToken",
                            "GitlabDeployToken",
                            "QuayAccessToken",
                            "Password",
                            "SSHKey",
                            "STSSessionToken",
                            "UUID",
                            "VaultDynamicSecret",
                            "Webhook",
                            "Grafana",
                            "MFA"
                          ],
                          "type": "string"
                        },
                        "name": {
                          "description": "Specify the name of the generator resource",
                          "maxLength": 253,
                          "minLength": 1,
                          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                          "type": "string"
                        }
                      },
                      "required": [
                        "kind",
                        "name"
                      ],
                      "type": "object"
                    },
                    "storeRef": {
                      "description": "SecretStoreRef defines which SecretStore to fetch the ExternalSecret data.",
                      "properties": {
                        "kind": {
                          "description": "Kind of the SecretStore resource (SecretStore or ClusterSecretStore)\nDefaults to `SecretStore`",
                          "enum": [
                            "SecretStore",
                            "ClusterSecretStore"
                          ],
                          "type": "string"
                        },
                        "name": {
                          "description": "Name of the SecretStore resource",
                          "maxLength": 253,
                          "minLength": 1,
                          "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                          "type": "string"
                        }
                      },
                      "type": "object"
                    }
                  },
                  "type": "object"
                }
              },
              "type": "object"
            },
            "type": "array"
          },
          "refreshInterval": {
            "default": "1h0m0s",
            "description": "RefreshInterval is the amount of time before the values are read again from the SecretStore provider,\nspecified as Golang Duration strings.\nValid time units are \"ns\", \"us\" (or \"µs\"), \"ms\", \"s\", \"m\", \"h\"\nExample values: \"1h0m0s\", \"2h30m0s\", \"10m0s\"\nMay be set to \"0s\" to fetch and create it once. Defaults to 1h0m0s.",
            "type": "string"
          },
          "refreshPolicy": {
            "description": "RefreshPolicy determines how the ExternalSecret should be refreshed:\n- CreatedOnce: Creates the Secret only if it does not exist and does not update it thereafter\n- Periodic: Synchronizes the Secret from the external source at regular intervals specified by refreshInterval.\n  No periodic updates occur if refreshInterval is 0.\n- OnChange: Only synchronizes the Secret when the ExternalSecret's metadata or specification changes",
            "enum": [
              "CreatedOnce",
              "Periodic",
              "OnChange"
            ],
            "type": "string"
          },
          "secretStoreRef": {
            "description": "SecretStoreRef defines which SecretStore to fetch the ExternalSecret data.",
            "properties": {
              "kind": {
                "description": "Kind of the SecretStore resource (SecretStore or ClusterSecretStore)\nDefaults to `SecretStore`",
                "enum": [
                  "SecretStore",
                  "ClusterSecretStore"
                ],
                "type": "string"
              },
              "name": {
                "description": "Name of the SecretStore resource",
                "maxLength": 253,
                "minLength": 1,
                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                "type": "string"
              }
            },
            "type": "object"
          },
          "syncWindows": {
            "description": "SyncWindows optionally restricts when periodic refreshes may occur.\nEvaluated in UTC, only for Periodic refresh policy (or when refreshPolicy is unset).",
            "properties": {
              "kind": {
                "description": "Kind applies to every window in the list.\n\"allow\" -- syncs are permitted only while at least one window is active;\n           all other times are blocked.\n\"deny\"  -- syncs are blocked while any window is active;\n           all other times are permitted.",
                "enum": [
                  "allow",
                  "deny"
                ],
                "type": "string"
              },
              "windows": {
                "description": "Windows is the list of schedule+duration pairs.",
                "items": {
                  "description": "ExternalSecretSyncWindowEntry defines a single cron-schedule + duration pair\nwithin a SyncWindows block.",
                  "properties": {
                    "duration": {
                      "description": "Duration specifies how long the window stays open after each Schedule\nfiring. Example: \"8h\".",
                      "type": "string"
                    },
                    "schedule": {
                      "description": "Schedule is a standard 5-field cron expression evaluated in UTC, or a\nnamed shorthand such as @daily or @every 1h. It marks the start time of\neach window occurrence.\nExample: \"0 22 * * 1-5\" opens a window every weekday at 22:00 UTC.",
                      "minLength": 1,
                      "pattern": "^(@(annually|yearly|monthly|weekly|daily|midnight|hourly)|@every [^\\s]+.*|[^\\s]+( [^\\s]+){4})$",
                      "type": "string"
                    }
                  },
                  "required": [
                    "duration",
                    "schedule"
                  ],
                  "type": "object"
                },
                "minItems": 1,
                "type": "array"
              }
            },
            "required": [
              "kind",
              "windows"
            ],
            "type": "object"
          },
          "target": {
            "default": {
              "creationPolicy": "Owner",
              "deletionPolicy": "Retain"
            },
            "description": "ExternalSecretTarget defines the Kubernetes Secret to be created,\nthere can be only one target per ExternalSecret.",
            "properties": {
              "creationPolicy": {
                "default": "Owner",
                "description": "CreationPolicy defines rules on how to create the resulting Secret.\nDefaults to \"Owner\"",
                "enum": [
                  "Owner",
                  "Orphan",
                  "Merge",
                  "None",
                  "CreateOrMerge"
                ],
                "type": "string"
              },
              "deletionPolicy": {
                "default": "Retain",
                "description": "DeletionPolicy defines rules on how to delete the resulting Secret.\nDefaults to \"Retain\"",
                "enum": [
                  "Delete",
                  "Merge",
                  "Retain"
                ],
                "type": "string"
              },
              "immutable": {
                "description": "Immutable defines if the final secret will be immutable",
                "type": "boolean"
              },
              "manifest": {
                "description": "Manifest defines a custom Kubernetes resource to create instead of a Secret.\nWhen specified, ExternalSecret will create the resource type defined here\n(e.g., ConfigMap, Custom Resource) instead of a Secret.\nWarning: Using Generic target. Make sure access policies and encryption are properly configured.",
                "properties": {
                  "apiVersion": {
                    "description": "APIVersion of the target resource (e.g., \"v1\" for ConfigMap, \"argoproj.io/v1alpha1\" for ArgoCD Application)",
                    "minLength": 1,
                    "type": "string"
                  },
                  "kind": {
                    "description": "Kind of the target resource (e.g., \"ConfigMap\", \"Application\")",
                    "minLength": 1,
                    "type": "string"
                  }
                },
                "required": [
                  "apiVersion",
                  "kind"
                ],
                "type": "object"
              },
              "name": {
                "description": "The name of the Secret resource to be managed.\nDefaults to the .metadata.name of the ExternalSecret resource",
                "maxLength": 253,
                "minLength": 1,
                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                "type": "string"
              },
              "template": {
                "description": "Template defines a blueprint for the created Secret resource.",
                "properties": {
                  "data": {
                    "additionalProperties": {
                      "type": "string"
                    },
                    "type": "object"
                  },
                  "engineVersion": {
                    "default": "v2",
                    "description": "EngineVersion specifies the template engine version\nthat should be used to compile/execute the\ntemplate specified in .data and .templateFrom[].",
                    "enum": [
                      "v2"
                    ],
                    "type": "string"
                  },
                  "mergePolicy": {
                    "default": "Replace",
                    "description": "TemplateMergePolicy defines how the rendered template should be merged with the existing Secret data.",
                    "enum": [
                      "Replace",
                      "Merge"
                    ],
                    "type": "string"
                  },
                  "metadata": {
                    "description": "ExternalSecretTemplateMetadata defines metadata fields for the Secret blueprint.",
                    "properties": {
                      "annotations": {
                        "additionalProperties": {
                          "type": "string"
                        },
                        "type": "object"
                      },
                      "finalizers": {
                        "items": {
                          "type": "string"
                        },
                        "type": "array"
                      },
                      "labels": {
                        "additionalProperties": {
                          "type": "string"
                        },
                        "type": "object"
                      }
                    },
                    "type": "object"
                  },
                  "templateFrom": {
                    "items": {
                      "description": "TemplateFrom specifies a source for templates.\nEach item in the list can either reference a ConfigMap or a Secret resource.",
                      "properties": {
                        "configMap": {
                          "description": "TemplateRef specifies a reference to either a ConfigMap or a Secret resource.",
                          "properties": {
                            "items": {
                              "description": "A list of keys in the ConfigMap/Secret to use as templates for Secret data",
                              "items": {
                                "description": "TemplateRefItem specifies a key in the ConfigMap/Secret to use as a template for Secret data.",
                                "properties": {
                                  "key": {
                                    "description": "A key in the ConfigMap/Secret",
                                    "maxLength": 253,
                                    "minLength": 1,
                                    "pattern": "^[-._a-zA-Z0-9]+$",
                                    "type": "string"
                                  },
                                  "templateAs": {
                                    "default": "Values",
                                    "description": "TemplateScope specifies how the template keys should be interpreted.",
                                    "enum": [
                                      "Values",
                                      "KeysAndValues"
                                    ],
                                    "type": "string"
                                  }
                                },
                                "required": [
                                  "key"
                                ],
                                "type": "object"
                              },
                              "type": "array"
                            },
                            "name": {
                              "description": "The name of the ConfigMap/Secret resource",
                              "maxLength": 253,
                              "minLength": 1,
                              "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                              "type": "string"
                            }
                          },
                          "required": [
                            "items",
                            "name"
                          ],
                          "type": "object"
                        },
                        "literal": {
                          "type": "string"
                        },
                        "secret": {
                          "description": "TemplateRef specifies a reference to either a ConfigMap or a Secret resource.",
                          "properties": {
                            "items": {
                              "description": "A list of keys in the ConfigMap/Secret to use as templates for Secret data",
                              "items": {
                                "description": "TemplateRefItem specifies a key in the ConfigMap/Secret to use as a template for Secret data.",
                                "properties": {
                                  "key": {
                                    "description": "A key in the ConfigMap/Secret",
                                    "maxLength": 253,
                                    "minLength": 1,
                                    "pattern": "^[-._a-zA-Z0-9]+$",
                                    "type": "string"
                                  },
                                  "templateAs": {
                                    "default": "Values",
                                    "description": "TemplateScope specifies how the template keys should be interpreted.",
                                    "enum": [
                                      "Values",
                                      "KeysAndValues"
                                    ],
                                    "type": "string"
                                  }
                                },
                                "required": [
                                  "key"
                                ],
                                "type": "object"
                              },
                              "type": "array"
                            },
                            "name": {
                              "description": "The name of the ConfigMap/Secret resource",
                              "maxLength": 253,
                              "minLength": 1,
                              "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                              "type": "string"
                            }
                          },
                          "required": [
                            "items",
                            "name"
                          ],
                          "type": "object"
                        },
                        "target": {
                          "default": "Data",
                          "description": "Target specifies where to place the template result.\nFor Secret resources the accepted values are empty, \"Data\", \"Annotations\" and \"Labels\";\nany other value is rejected because it would allow writes to privileged Secret fields.\nFor custom resources (when spec.target.manifest is set), this supports\nnested paths like \"spec.database.config\" or \"data\".",
                          "type": "string"
                        },
                        "valuesDecodingStrategy": {
                          "description": "Used to define a decoding Strategy for the rendered template values.\nDefaults to None when omitted.",
                          "enum": [
                            "Auto",
                            "Base64",
                            "Base64URL",
                            "None"
                          ],
                          "type": "string"
                        }
                      },
                      "type": "object"
                    },
                    "type": "array"
                  },
                  "type": {
                    "type": "string"
                  }
                },
                "type": "object"
              }
            },
            "type": "object"
          }
        },
        "type": "object"
      },
      "status": {
        "description": "ExternalSecretStatus defines the observed state of ExternalSecret.",
        "properties": {
          "binding": {
            "description": "Binding represents a servicebinding.io Provisioned Service reference to the secret",
            "properties": {
              "name": {
                "default": "",
                "description": "Name of the referent.\nThis field is effectively required, but due to backwards compatibility is\nallowed to be empty. Instances of this type with an empty value here are\nalmost certainly wrong.\nMore info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names",
                "type": "string"
              }
            },
            "type": "object",
            "x-kubernetes-map-type": "atomic"
          },
          "conditions": {
            "items": {
              "description": "ExternalSecretStatusCondition defines a status condition of an ExternalSecret resource.",
              "properties": {
                "lastTransitionTime": {
                  "format": "date-time",
                  "type": "string"
                },
                "message": {
                  "type": "string"
                },
                "reason": {
                  "type": "string"
                },
                "status": {
                  "type": "string"
                },
                "type": {
                  "description": "ExternalSecretConditionType defines a value type for ExternalSecret conditions.",
                  "enum": [
                    "Ready",
                    "Deleted"
                  ],
                  "type": "string"
                }
              },
              "required": [
                "status",
                "type"
              ],
              "type": "object"
            },
            "type": "array"
          },
          "refreshTime": {
            "description": "refreshTime is the time and date the external secret was fetched and\nthe target secret updated",
            "format": "date-time",
            "nullable": true,
            "type": "string"
          },
          "syncedResourceVersion": {
            "description": "SyncedResourceVersion keeps track of the last synced version",
            "type": "string"
          }
        },
        "type": "object"
      }
    },
    "type": "object"
  }
};
