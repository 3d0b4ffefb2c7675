# Sahay: multi-stage build. The runtime image is Debian with Chromium (for the
# WhatsApp Web channel), runs as a non-root user, and keeps its data in a volume.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 builds from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV PUPPETEER_SKIP_DOWNLOAD=true
# The sources come before `npm install`: its `prepare` script compiles them (tsc), and
# better-sqlite3's install script must run too, so scripts cannot be skipped.
COPY package.json package-lock.json .npmrc .puppeteerrc.cjs tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bench ./bench
COPY locales ./locales
RUN npm install --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends chromium tini ca-certificates && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    DATA_DIR=/data \
    PUPPETEER_SKIP_DOWNLOAD=true \
    WHATSAPP_CHROMIUM_PATH=/usr/bin/chromium
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY src/http/public ./src/http/public
COPY flows ./flows
COPY locales ./locales
COPY config ./config
RUN useradd --system --uid 10001 --home /app sahay && mkdir -p /data && chown sahay /data
USER sahay
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "bin/sahay.js", "start"]
