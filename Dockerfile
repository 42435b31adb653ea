# Builds and runs one meshd node. Mount a config at /etc/meshd/meshd.yaml (see
# config/meshd.example.yaml) and a volume at /var/lib/meshd for its data.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY proto ./proto
COPY src ./src
COPY test ./test
COPY bench ./bench
COPY load ./load
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY proto ./proto
COPY config ./config
ENV MESH_LISTEN_HOST=0.0.0.0 MESH_GRPC_HOST=0.0.0.0 MESH_METRICS_HOST=0.0.0.0 MESH_DATA_DIR=/var/lib/meshd
VOLUME /var/lib/meshd
EXPOSE 9001 9101 9201
ENTRYPOINT ["node", "dist/src/main/cli/meshd.js"]
CMD ["--config", "/etc/meshd/meshd.yaml"]
