# One image for the web server and the ingest worker (see docker-compose.yml).
# Not built in this project's CI (no Docker engine there); it documents the scaled shape.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npx next build
ENV NODE_ENV=production
EXPOSE 3000 9464
# Not `next start`: the monitoring relay needs the WebSocket upgrade that server/http-server.ts takes.
ENV PORT=3000
CMD ["npx", "tsx", "scripts/serve.ts"]
