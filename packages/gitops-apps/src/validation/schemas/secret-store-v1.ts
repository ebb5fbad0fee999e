/* eslint-disable */
// Vendored by vendor-external-secrets.mjs from external-secrets/external-secrets helm-chart-2.9.0 (cc5bfbc2234ace9cb0caff4ea89c435cf517b27b): do not edit.
// Licensed under the Apache License, Version 2.0; see the `license` field.
import type { VendoredCrdSchema } from '../structural-schema';

export const SECRET_STORE_V1: VendoredCrdSchema = {
  "kinds": [
    "external-secrets.io/v1 SecretStore",
    "external-secrets.io/v1 ClusterSecretStore"
  ],
  "source": [
    "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/config/crds/bases/external-secrets.io_secretstores.yaml",
    "https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/config/crds/bases/external-secrets.io_clustersecretstores.yaml"
  ],
  "tag": "helm-chart-2.9.0",
  "commit": "cc5bfbc2234ace9cb0caff4ea89c435cf517b27b",
  "license": "Apache-2.0 (Copyright The external-secrets Authors; https://github.com/external-secrets/external-secrets/blob/helm-chart-2.9.0/LICENSE)",
  "pruned": "spec.provider keeps only aws (the provider Paved renders and its admission policy allows)",
  "schema": {
    "description": "SecretStore represents a secure external location for storing secrets, which can be referenced as part of `storeRef` fields.",
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
        "description": "SecretStoreSpec defines the desired state of SecretStore.",
        "properties": {
          "conditions": {
            "description": "Used to constrain a ClusterSecretStore to specific namespaces. Relevant only to ClusterSecretStore.",
            "items": {
              "description": "ClusterSecretStoreCondition describes a condition by which to choose namespaces to process ExternalSecrets in\nfor a ClusterSecretStore instance.",
              "properties": {
                "namespaceRegexes": {
                  "description": "Choose namespaces by using regex matching",
                  "items": {
                    "type": "string"
                  },
                  "type": "array"
                },
                "namespaceSelector": {
                  "description": "Choose namespace using a labelSelector",
                  "properties": {
                    "matchExpressions": {
                      "description": "matchExpressions is a list of label selector requirements. The requirements are ANDed.",
                      "items": {
                        "description": "A label selector requirement is a selector that contains values, a key, and an operator that\nrelates the key and values.",
                        "properties": {
                          "key": {
                            "description": "key is the label key that the selector applies to.",
                            "type": "string"
                          },
                          "operator": {
                            "description": "operator represents a key's relationship to a set of values.\nValid operators are In, NotIn, Exists and DoesNotExist.",
                            "type": "string"
                          },
                          "values": {
                            "description": "values is an array of string values. If the operator is In or NotIn,\nthe values array must be non-empty. If the operator is Exists or DoesNotExist,\nthe values array must be empty. This array is replaced during a strategic\nmerge patch.",
                            "items": {
                              "type": "string"
                            },
                            "type": "array",
                            "x-kubernetes-list-type": "atomic"
                          }
                        },
                        "required": [
                          "key",
                          "operator"
                        ],
                        "type": "object"
                      },
                      "type": "array",
                      "x-kubernetes-list-type": "atomic"
                    },
                    "matchLabels": {
                      "additionalProperties": {
                        "type": "string"
                      },
                      "description": "matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels\nmap is equivalent to an element of matchExpressions, whose key field is \"key\", the\noperator is \"In\", and the values array contains only \"value\". The requirements are ANDed.",
                      "type": "object"
                    }
                  },
                  "type": "object",
                  "x-kubernetes-map-type": "atomic"
                },
                "namespaces": {
                  "description": "Choose namespaces by name",
                  "items": {
                    "maxLength": 63,
                    "minLength": 1,
                    "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                    "type": "string"
                  },
                  "type": "array"
                }
              },
              "type": "object"
            },
            "type": "array"
          },
          "controller": {
            "description": "Used to select the correct ESO controller (think: ingress.ingressClassName)\nThe ESO controller is instantiated with a specific controller name and filters ES based on this property",
            "type": "string"
          },
          "provider": {
            "description": "Used to configure the provider. Only one provider may be set",
            "maxProperties": 1,
            "minProperties": 1,
            "properties": {
              "aws": {
                "description": "AWS configures this store to sync secrets using AWS Secret Manager provider",
                "properties": {
                  "additionalRoles": {
                    "description": "AdditionalRoles is a chained list of Role ARNs which the provider will sequentially assume before assuming the Role",
                    "items": {
                      "type": "string"
                    },
                    "type": "array"
                  },
                  "auth": {
                    "description": "Auth defines the information necessary to authenticate against AWS\nif not set aws sdk will infer credentials from your environment\nsee: https://docs.aws.amazon.com/sdk-for-go/v1/developer-guide/configuring-sdk.html#specifying-credentials",
                    "properties": {
                      "jwt": {
                        "description": "AWSJWTAuth stores reference to Authenticate against AWS using service account tokens.",
                        "properties": {
                          "serviceAccountRef": {
                            "description": "ServiceAccountSelector is a reference to a ServiceAccount resource.",
                            "properties": {
                              "audiences": {
                                "description": "Audience specifies the `aud` claim for the service account token\nIf the service account uses a well-known annotation for e.g. IRSA or GCP Workload Identity\nthen this audiences will be appended to the list",
                                "items": {
                                  "type": "string"
                                },
                                "type": "array"
                              },
                              "name": {
                                "description": "The name of the ServiceAccount resource being referred to.",
                                "maxLength": 253,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                                "type": "string"
                              },
                              "namespace": {
                                "description": "Namespace of the resource being referred to.\nIgnored if referent is not cluster-scoped, otherwise defaults to the namespace of the referent.",
                                "maxLength": 63,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                                "type": "string"
                              }
                            },
                            "required": [
                              "name"
                            ],
                            "type": "object"
                          }
                        },
                        "type": "object"
                      },
                      "secretRef": {
                        "description": "AWSAuthSecretRef holds secret references for AWS credentials\nboth AccessKeyID and SecretAccessKey must be defined in order to properly authenticate.",
                        "properties": {
                          "accessKeyIDSecretRef": {
                            "description": "The AccessKeyID is used for authentication",
                            "properties": {
                              "key": {
                                "description": "A key in the referenced Secret.\nSome instances of this field may be defaulted, in others it may be required.",
                                "maxLength": 253,
                                "minLength": 1,
                                "pattern": "^[-._a-zA-Z0-9]+$",
                                "type": "string"
                              },
                              "name": {
                                "description": "The name of the Secret resource being referred to.",
                                "maxLength": 253,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                                "type": "string"
                              },
                              "namespace": {
                                "description": "The namespace of the Secret resource being referred to.\nIgnored if referent is not cluster-scoped, otherwise defaults to the namespace of the referent.",
                                "maxLength": 63,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                                "type": "string"
                              }
                            },
                            "type": "object"
                          },
                          "secretAccessKeySecretRef": {
                            "description": "The SecretAccessKey is used for authentication",
                            "properties": {
                              "key": {
                                "description": "A key in the referenced Secret.\nSome instances of this field may be defaulted, in others it may be required.",
                                "maxLength": 253,
                                "minLength": 1,
                                "pattern": "^[-._a-zA-Z0-9]+$",
                                "type": "string"
                              },
                              "name": {
                                "description": "The name of the Secret resource being referred to.",
                                "maxLength": 253,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                                "type": "string"
                              },
                              "namespace": {
                                "description": "The namespace of the Secret resource being referred to.\nIgnored if referent is not cluster-scoped, otherwise defaults to the namespace of the referent.",
                                "maxLength": 63,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
                                "type": "string"
                              }
                            },
                            "type": "object"
                          },
                          "sessionTokenSecretRef": {
                            "description": "The SessionToken used for authentication\nThis must be defined if AccessKeyID and SecretAccessKey are temporary credentials\nsee: https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
                            "properties": {
                              "key": {
                                "description": "A key in the referenced Secret.\nSome instances of this field may be defaulted, in others it may be required.",
                                "maxLength": 253,
                                "minLength": 1,
                                "pattern": "^[-._a-zA-Z0-9]+$",
                                "type": "string"
                              },
                              "name": {
                                "description": "The name of the Secret resource being referred to.",
                                "maxLength": 253,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",
                                "type": "string"
                              },
                              "namespace": {
                                "description": "The namespace of the Secret resource being referred to.\nIgnored if referent is not cluster-scoped, otherwise defaults to the namespace of the referent.",
                                "maxLength": 63,
                                "minLength": 1,
                                "pattern": "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",
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
                  "customSessionTags": {
                    "additionalProperties": {
                      "type": "string"
                    },
                    "description": "CustomSessionTags defines additional STS session tags to include when SessionTagsPolicy is Custom.\nThese are merged with the automatically injected esoNamespace, esoStoreName, and esoStoreKind tags.",
                    "type": "object",
                    "x-kubernetes-validations": [
                      {
                        "message": "customSessionTags cannot contain automatically injected reserved keys: esoNamespace, esoStoreName, esoStoreKind",
                        "rule": "!('esoNamespace' in self) && !('esoStoreName' in self) && !('esoStoreKind' in self)"
                      }
                    ]
                  },
                  "externalID": {
                    "description": "AWS External ID set on assumed IAM roles",
                    "type": "string"
                  },
                  "prefix": {
                    "description": "Prefix adds a prefix to all retrieved values.",
                    "type": "string"
                  },
                  "region": {
                    "description": "AWS Region to be used for the provider",
                    "type": "string"
                  },
                  "role": {
                    "description": "Role is a Role ARN which the provider will assume",
                    "type": "string"
                  },
                  "secretsManager": {
                    "description": "SecretsManager defines how the provider behaves when interacting with AWS SecretsManager",
                    "properties": {
                      "forceDeleteWithoutRecovery": {
                        "description": "Specifies whether to delete the secret without any recovery window. You\ncan't use both this parameter and RecoveryWindowInDays in the same call.\nIf you don't use either, then by default Secrets Manager uses a 30 day\nrecovery window.\nsee: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html#SecretsManager-DeleteSecret-request-ForceDeleteWithoutRecovery",
                        "type": "boolean"
                      },
                      "recoveryWindowInDays": {
                        "description": "The number of days from 7 to 30 that Secrets Manager waits before\npermanently deleting the secret. You can't use both this parameter and\nForceDeleteWithoutRecovery in the same call. If you don't use either,\nthen by default Secrets Manager uses a 30-day recovery window.\nsee: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html#SecretsManager-DeleteSecret-request-RecoveryWindowInDays",
                        "format": "int64",
                        "type": "integer"
                      }
                    },
                    "type": "object"
                  },
                  "service": {
                    "description": "Service defines which service should be used to fetch the secrets",
                    "enum": [
                      "SecretsManager",
                      "ParameterStore",
                      "CertificateManager"
                    ],
                    "type": "string"
                  },
                  "sessionTags": {
                    "description": "AWS STS assume role session tags",
                    "items": {
                      "description": "Tag is a key-value pair that can be attached to an AWS resource.\nsee: https://docs.aws.amazon.com/general/latest/gr/aws_tagging.html",
                      "properties": {
                        "key": {
                          "type": "string"
                        },
                        "value": {
                          "type": "string"
                        }
                      },
                      "required": [
                        "key",
                        "value"
                      ],
                      "type": "object"
                    },
                    "type": "array"
                  },
                  "sessionTagsPolicy": {
                    "default": "None",
                    "description": "SessionTagsPolicy controls whether and how STS session tags are added when assuming roles.\nNone (default): no tags are added.\nSimple: automatically adds esoNamespace (from the ExternalSecret), esoStoreName, and esoStoreKind tags.\nCustom: adds esoNamespace, esoStoreName, and esoStoreKind plus any tags defined in CustomSessionTags.\nNote: the IAM role must have sts:TagSession permission when using Simple or Custom.",
                    "enum": [
                      "None",
                      "Simple",
                      "Custom"
                    ],
                    "type": "string"
                  },
                  "transitiveTagKeys": {
                    "description": "AWS STS assume role transitive session tags. Required when multiple rules are used with the provider",
                    "items": {
                      "type": "string"
                    },
                    "type": "array"
                  }
                },
                "required": [
                  "region",
                  "service"
                ],
                "type": "object"
              }
            },
            "type": "object"
          },
          "refreshInterval": {
            "anyOf": [
              {
                "type": "integer"
              },
              {
                "type": "string"
              }
            ],
            "description": "Used to configure store refresh interval. Accepts either an integer number\nof seconds (legacy) or a Go duration string such as \"1h\" or \"5m\". Empty or\n0 will default to the controller config.",
            "x-kubernetes-int-or-string": true
          },
          "retrySettings": {
            "description": "Used to configure HTTP retries on failures.",
            "properties": {
              "maxRetries": {
                "format": "int32",
                "type": "integer"
              },
              "retryInterval": {
                "type": "string"
              }
            },
            "type": "object"
          }
        },
        "required": [
          "provider"
        ],
        "type": "object"
      },
      "status": {
        "description": "SecretStoreStatus defines the observed state of the SecretStore.",
        "properties": {
          "capabilities": {
            "description": "SecretStoreCapabilities defines the possible operations a SecretStore can do.",
            "type": "string"
          },
          "conditions": {
            "items": {
              "description": "SecretStoreStatusCondition contains condition information for a SecretStore.",
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
                  "description": "SecretStoreConditionType represents the condition of the SecretStore.",
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
          }
        },
        "type": "object"
      }
    },
    "type": "object"
  }
};
