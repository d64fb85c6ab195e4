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
CMD ["npx", "next", "start", "-p", "3000"]
