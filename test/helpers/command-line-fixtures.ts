/**
 * Container files that start servers, shared by the unit tests of the extractors and the
 * conformance test that runs their command lines on every real server build.
 */

/** The example in the three ways a compose file can write it. */
export const HOURLY_COMPOSE = `services:
  plain:
    image: redis:7
    command: redis-server --save 900 1 # hourly
  quoted:
    image: redis:7
    command: "redis-server --save 900 1 # hourly"
  list:
    image: redis:7
    command: ["redis-server", "--save", "900", "1", "#", "hourly"]
`;

export const COMPOSE = `# a cache and a queue
services:
  cache:
    image: redis:7.2
    command:
      - redis-server
      - --maxmemory
      - 100mb
      - --maxmemory-policy
      - allkeys-lru
      - --requirepass
      - \${REDIS_PASSWORD}
  queue:
    image: redis:7.2
    entrypoint: ["docker-entrypoint.sh"]
    command: redis-server --appendonly yes --appendfsync everysec --apendonly yes
  web:
    image: nginx
    command: nginx -g 'daemon off;'
`;

export const DOCKERFILE = `# escape=\\
FROM redis:7.2 AS base
CMD ["redis-server", "--maxmemory", "2x"]

FROM redis:7.2
COPY redis.conf /usr/local/etc/redis/redis.conf
ENTRYPOINT ["docker-entrypoint.sh"]
CMD redis-server --save 900 1 \\
    --appendonly yes  # every write
`;

export const KUBERNETES = `apiVersion: v1
kind: ConfigMap
metadata: { name: unrelated }
data:
  note: "redis-server is started below"
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
spec:
  template:
    spec:
      initContainers:
        - name: prep
          image: busybox
          command: ["sh", "-c", "mkdir -p /data"]
      containers:
        - name: redis
          image: redis:7.2
          env:
            - name: MEM
              value: "100mb"
            - name: PASSWORD
              valueFrom:
                secretKeyRef: { name: redis, key: password }
          command: ["redis-server"]
          args: ["--maxmemory", "$(MEM)", "--requirepass", "$(PASSWORD)", "--maxmemory-policy", "allkeys-lru", "--tcp-backlog", "$$(MEM)"]
`;

/** A Deployment whose variables all have literal values, so its command line runs as Kubernetes would expand it. */
export const KUBERNETES_EXPANDED = `apiVersion: apps/v1
kind: Deployment
metadata: { name: cache }
spec:
  template:
    spec:
      containers:
        - name: cache
          image: valkey/valkey:8
          env:
            - { name: MEM, value: "50mb" }
            - { name: POLICY, value: "allkeys-lfu" }
          command: ["redis-server", "--maxmemory", "$(MEM)"]
          args: ["--maxmemory-policy", "$(POLICY)", "--save", "", "--hz", "$(UNDEFINED_IS_KEPT)x"]
`;
