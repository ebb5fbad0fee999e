import { PROFILES } from '../../profiles/profiles';
import { servicesIn } from '../../resolve/resolve-platform';
import { at } from '../problem';
import { environmentsOf, servicesOf, type ValidationRule } from './rule';

const kafkaPath = (path: string, key: string) => at(at(at(path, 'data'), 'kafka'), key);

/** MSK places a provisioned cluster's brokers in two or three client subnets, each in its own zone. */
const MSK_MAX_ZONES = 3;

/** Settings that only a provisioned cluster has: MSK Serverless sizes, versions and stores everything itself. */
const PROVISIONED_ONLY = ['brokers', 'instanceType', 'version', 'storageGiB'] as const;

export const kafkaClusterSettings: ValidationRule = {
  id: 'kafka-cluster-settings',
  description: 'MSK broker settings are set only for a provisioned cluster, with brokers spread evenly over the data subnets.',
  check(config, out) {
    for (const { env, path } of environmentsOf(config)) {
      const kafka = env.data?.kafka;
      if (!kafka) continue;
      if (kafka.mode === 'serverless') {
        for (const key of PROVISIONED_ONLY) {
          if (kafka[key] !== undefined) out.error(kafkaPath(path, key), 'applies to provisioned clusters only', 'remove it, or mode: \'provisioned\'');
        }
        continue;
      }
      // MSK places the same number of brokers in every client subnet (one zone each).
      const zones = env.network?.existingVpc
        ? (env.network.existingVpc.dataSubnetIds ?? env.network.existingVpc.privateSubnetIds)?.length
        : env.network?.subnets?.data?.length ?? env.network?.azCount ?? PROFILES[env.profile]?.network.azCount;
      if (typeof zones !== 'number' || zones <= 0) continue;
      if (zones > MSK_MAX_ZONES) {
        out.error(kafkaPath(path, 'mode'), `a provisioned MSK cluster spans 2 or 3 zones, and the environment has ${zones} data subnets`, 'mode: \'serverless\', or 2 or 3 availability zones');
      } else if (typeof kafka.brokers === 'number' && kafka.brokers % zones !== 0) {
        out.error(kafkaPath(path, 'brokers'), `${kafka.brokers} brokers cannot be spread evenly over ${zones} data subnets`, `a multiple of ${zones}`);
      }
    }
  },
};

export const kafkaDependencies: ValidationRule = {
  id: 'kafka-dependencies',
  description: "A service with dependsOn 'kafka' names its topics and runs only in environments with data.kafka.",
  check(config, out) {
    const services = servicesOf(config);
    for (const { service, path } of services) {
      const uses = Array.isArray(service.dependsOn) && service.dependsOn.includes('kafka');
      if (uses && service.kafka === undefined) {
        out.error(at(path, 'kafka'), `'${service.name}' depends on kafka but names no topics`, "kafka: { topics: ['<topic>'] }");
      }
      if (!uses && service.kafka !== undefined) {
        out.error(at(path, 'kafka'), `is set, but '${service.name}' does not depend on kafka`, "dependsOn: ['kafka'], or remove kafka");
      }
    }
    const all = { ...config, services: services.map((s) => s.service) };
    for (const { env, path } of environmentsOf(config)) {
      if (typeof env.name !== 'string' || env.data?.kafka) continue;
      const running = servicesIn(all, env.name).map((s) => s.name);
      for (const { service, path: servicePath } of services) {
        if (running.includes(service.name) && Array.isArray(service.dependsOn) && service.dependsOn.includes('kafka')) {
          out.error(
            at(servicePath, 'dependsOn'),
            `'${service.name}' needs kafka, which environment '${env.name}' does not have`,
            `set ${path}.data.kafka, or disable the service in that environment`,
          );
        }
      }
    }
  },
};

export const kafkaTopics: ValidationRule = {
  id: 'kafka-topics',
  description: "Topic names are ones Kafka accepts and a service may use: not '.' or '..', not internal ('__' prefix), no duplicates.",
  check(config, out) {
    for (const { service, path } of servicesOf(config)) {
      const topics = service.kafka?.topics;
      if (!Array.isArray(topics)) continue;
      const seen = new Set<string>();
      topics.forEach((topic, i) => {
        if (typeof topic !== 'string') return;
        const where = at(at(at(path, 'kafka'), 'topics'), i);
        if (topic === '.' || topic === '..') out.error(where, `'${topic}' is not a valid topic name`, 'a name other than . and ..');
        else if (topic.startsWith('__')) out.error(where, `'${topic}' is an internal topic of Kafka`, "a name not starting with '__'");
        else if (seen.has(topic)) out.error(where, `'${topic}' is listed twice`, 'each topic once');
        seen.add(topic);
      });
    }
  },
};
