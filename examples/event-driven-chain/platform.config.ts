import { definePlatform } from '@paved/shared-config';

/**
 * Issue 16: an event-driven system around a blockchain node, in eu-central-1. A `stateful` node (a StatefulSet with a
 * 300Gi volume per replica, public p2p TCP and discovery UDP ports behind an internet-facing NLB beside its
 * cluster-internal JSON-RPC port, and a peer-manager sidecar that talks to the node's IPC socket through a shared volume
 * and exports its own metrics) is the source of truth. A `worker` indexer reads blocks from the node and
 * publishes them to Kafka (MSK Serverless in development, provisioned brokers in production, IAM authentication only);
 * a Node.js/Prisma `web` API consumes the topics into PostgreSQL (its migration runs as a hook before the new version
 * rolls out), a websocket API streams new blocks to clients, an internal dashboard sits behind Google single sign-on, a
 * `cron` job reconciles the database against the chain nightly, and a vendor Helm chart exports the node's metrics.
 * Each `calls` edge opens exactly one pair of NetworkPolicies, on the RPC port only; every other service-to-service
 * path stays denied. See docs/examples/event-driven-chain.md.
 */
export default definePlatform({
  organization: 'ledgerline',
  domain: 'ledgerline.io',
  gitops: { repoUrl: 'https://github.com/ledgerline/platform-gitops.git' },
  ci: { platformRepository: 'ledgerline/platform' },
  alerting: { slack: { channel: '#chain-alerts' } },
  // prod runs in the management account, where Terraform runs as these credentials: they get cluster admin there.
  access: { managementDeployerRoleArn: 'arn:aws:iam::622233334444:role/AWSReservedSSO_PlatformAdmin_5e6f7a8b9c0d1e2f' },
  // The dashboard's sign-in: Google accounts of the company's Workspace domain only. The client secret and the cookie
  // secret are read from Secrets Manager (`ledgerline/<env>/sso/google`), never from this file.
  sso: {
    provider: 'google',
    clientId: '480512345678-8q1dh2k3l4m5n6o7p8q9r0s1t2u3v4w5.apps.googleusercontent.com',
    clientSecret: 'sso/google',
    allowedDomains: ['ledgerline.io'],
  },
  environments: [
    {
      name: 'dev',
      profile: 'development',
      account: '522233334444',
      region: 'eu-central-1',
      network: { vpcCidr: '10.40.0.0/16', azCount: 2, natGateways: 'single' },
      cluster: {
        nodeGroups: [
          { name: 'general', instanceTypes: ['t3.large'], minSize: 1, maxSize: 3, desiredSize: 2, capacityType: 'spot' },
          // The node holds its state in memory as it syncs: a memory-optimized group of its own, on demand even in
          // development (the profile's default is spot), so a reclaim never restarts a sync from its last checkpoint.
          { name: 'chain', instanceTypes: ['r6i.large'], minSize: 1, maxSize: 1, desiredSize: 1, capacityType: 'on-demand' },
        ],
      },
      data: {
        postgres: { engineVersion: '16.6', instanceClass: 'db.t4g.micro', allocatedStorageGiB: 50 },
        // Billed per cluster-hour and partition-hour: no brokers to size for a handful of development topics.
        kafka: { mode: 'serverless' },
      },
    },
    {
      name: 'prod',
      profile: 'production',
      account: '622233334444',
      region: 'eu-central-1',
      domain: 'ledgerline.io',
      network: { vpcCidr: '10.50.0.0/16', azCount: 3 },
      cluster: {
        publicAccessCidrs: ['203.0.113.0/24'],
        nodeGroups: [
          { name: 'general', instanceTypes: ['m6i.large', 'm5.large'], minSize: 3, maxSize: 9, desiredSize: 3 },
          { name: 'chain', instanceTypes: ['r6i.xlarge'], minSize: 2, maxSize: 3, desiredSize: 2 },
        ],
      },
      data: {
        postgres: { engineVersion: '16.6', instanceClass: 'db.m6g.large', allocatedStorageGiB: 200, maxAllocatedStorageGiB: 1000 },
        // Three brokers, one per data subnet (zone); m7g.large by the production profile's default.
        kafka: { mode: 'provisioned', brokers: 3, storageGiB: 500 },
      },
    },
  ],
  services: [
    {
      name: 'node',
      team: 'chain',
      ci: { repository: 'ledgerline/chain-node' },
      kind: 'stateful',
      image: { tag: '1.14.12' },
      // JSON-RPC (HTTP: the readiness probe and the metrics scrape, /metrics, use it), and the peer-to-peer port (TCP)
      // with its discovery (UDP) facing the internet: one internet-facing NLB and a NetworkPolicy open to any source
      // on exactly these two ports. RPC stays inside the cluster.
      ports: [
        { name: 'rpc', port: 8545, http: true },
        { name: 'p2p', port: 30303, public: true },
        { name: 'discovery', port: 30303, protocol: 'UDP', public: true },
      ],
      args: ['--datadir=/data', '--http', '--http.addr=0.0.0.0', '--http.port=8545', '--port=30303', '--ipcpath=/run/node/node.ipc'],
      // The chain: one encrypted gp3 volume per replica, kept when the service or a replica is removed.
      volumes: [{ name: 'data', mountPath: '/data', size: '300Gi' }],
      // The node's IPC socket, shared with the sidecar: the admin API stays off the network.
      sharedVolumes: [{ name: 'ipc', mountPath: '/run/node', sizeLimit: '16Mi' }],
      sidecars: [
        {
          // Keeps the static peer list current through the admin API on the IPC socket.
          name: 'peer-manager',
          image: 'ghcr.io/ledgerline/peer-manager:0.4.1',
          args: ['--ipc=/run/node/node.ipc', '--peers=/etc/peers/static.json', '--health-port=8081', '--metrics-port=9102'],
          // `metrics`: scraped by the node's ServiceMonitor beside the RPC port (peer counts, dial failures).
          ports: [{ name: 'health', port: 8081, http: true }, { name: 'metrics', port: 9102 }],
          probes: { liveness: { tcp: 'health' }, readiness: { http: '/ready' } },
        },
      ],
      // A syncing node answers RPC late: the p2p listener says it is alive, RPC readiness says it serves.
      probes: { liveness: { tcp: 'p2p' }, readiness: { http: '/health' } },
      nodeGroup: 'chain',
      resources: { cpu: '1500m', memory: '12Gi' },
      environments: { dev: { resources: { cpu: '1', memory: '12Gi' } } },
    },
    {
      name: 'indexer',
      team: 'chain',
      ci: { repository: 'ledgerline/indexer' },
      kind: 'worker',
      image: { tag: '2.3.0' },
      command: ['node', 'dist/indexer.js'],
      // No Service in front of it: readiness still paces a rollout (the next pod waits until this one has caught up).
      probes: { liveness: { exec: ['node', 'dist/healthcheck.js'] }, readiness: { exec: ['node', 'dist/healthcheck.js', '--synced'] } },
      resources: { cpu: '250m', memory: '512Mi' },
      env: { NODE_RPC_URL: 'http://node.node.svc.cluster.local:8545', CONFIRMATIONS: '12' },
      calls: [{ service: 'node', port: 'rpc' }],
      dependsOn: ['kafka'],
      // Publishes blocks and decoded transfers; consumes its own replay requests.
      kafka: { topics: ['chain.blocks', 'chain.transfers', 'indexer.replay'] },
    },
    {
      name: 'api',
      team: 'backend',
      ci: { repository: 'ledgerline/api' },
      runtime: 'node',
      image: { tag: '4.1.0' },
      port: 3000,
      health: { liveness: '/health', readiness: '/ready' },
      resources: { cpu: '250m', memory: '512Mi' },
      env: { NODE_ENV: 'production', NODE_RPC_URL: 'http://node.node.svc.cluster.local:8545' },
      secrets: { JWT_SIGNING_KEY: { secret: 'api/jwt', key: 'signingKey' } },
      ingress: { host: 'api' },
      // Prisma's schema migrations, once per sync, before the new version takes traffic.
      migrate: { command: ['npx', 'prisma', 'migrate', 'deploy'] },
      dependsOn: ['postgres', 'kafka'],
      kafka: { topics: ['chain.transfers', 'indexer.replay'] },
      calls: [{ service: 'node', port: 'rpc' }],
      environments: { prod: { autoscaling: { minReplicas: 2, maxReplicas: 8 } } },
    },
    {
      name: 'ws',
      team: 'backend',
      ci: { repository: 'ledgerline/ws-gateway' },
      runtime: 'node',
      image: { tag: '1.7.2' },
      port: 8080,
      resources: { cpu: '200m', memory: '256Mi' },
      env: { NODE_RPC_URL: 'http://node.node.svc.cluster.local:8545' },
      ingress: { host: 'ws' },
      // Subscribes to new heads on the node and fans them out to websocket clients.
      calls: [{ service: 'node', port: 'rpc' }],
      environments: { prod: { autoscaling: { minReplicas: 2, maxReplicas: 6 } } },
    },
    {
      name: 'dashboard',
      team: 'ops',
      ci: { repository: 'ledgerline/dashboard' },
      runtime: 'node',
      image: { tag: '0.9.3' },
      port: 3000,
      resources: { cpu: '100m', memory: '256Mi' },
      env: { API_URL: 'http://api.api.svc.cluster.local' },
      // Internal: only signed-in ledgerline.io accounts get through the oauth2-proxy in front of it.
      ingress: { host: 'dashboard', auth: 'sso' },
      // Renders on the server, reading the API inside the cluster (its Service's port 80).
      calls: ['api'],
    },
    {
      name: 'reconcile',
      team: 'backend',
      ci: { repository: 'ledgerline/api' },
      kind: 'cron',
      image: { tag: '4.1.0' },
      command: ['node', 'dist/jobs/reconcile.js'],
      schedule: '30 2 * * *',
      activeDeadlineSeconds: 3600,
      resources: { cpu: '250m', memory: '512Mi' },
      env: { NODE_RPC_URL: 'http://node.node.svc.cluster.local:8545' },
      dependsOn: ['postgres'],
      calls: [{ service: 'node', port: 'rpc' }],
    },
    {
      // A vendor chart: ethpandaops' ethereum-metrics-exporter, checked 2026-12-03 in
      // https://github.com/ethpandaops/ethereum-helm-charts (chart 0.2.1, release tag ethereum-metrics-exporter-0.2.1
      // of 2026-03-27, published to https://ethpandaops.github.io/ethereum-helm-charts). The chart defaults to the
      // image's `latest`: pinned here to 0.29.2, the exporter's release v0.29.2 (2026-03-12; goreleaser tags images
      // without the `v`).
      name: 'chain-metrics',
      team: 'chain',
      chart: {
        repoUrl: 'https://ethpandaops.github.io/ethereum-helm-charts',
        name: 'ethereum-metrics-exporter',
        version: '0.2.1',
        values: {
          image: { tag: '0.29.2' },
          config: {
            consensus: { enabled: false },
            execution: { enabled: true, url: 'http://node.node.svc.cluster.local:8545', name: 'chain-node', modules: ['eth', 'net', 'web3', 'txpool'] },
          },
          resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '64Mi' } },
        },
      },
      calls: [{ service: 'node', port: 8545 }],
    },
  ],
});
