# The LLM taxonomy bot. With no tokens in the environment it runs the terminal mode:
#   echo "what is rlhf" | docker run -i --rm llm-bot
# With tokens:  docker run --env-file .env -p 8080:8080 llm-bot
ARG NODE_IMAGE=node:20-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HEALTH_PORT=8080
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# Compiled src/ becomes dist/, and commands/ sits beside it, as the relative imports expect.
COPY --from=build /app/dist/src ./dist
COPY --from=build /app/dist/commands ./commands
COPY data ./data
USER node
# 8080: /healthz and /readyz; 3000: Slack's HTTP mode (PORT).
EXPOSE 8080 3000
# Healthy only when /healthz answers (a blank HEALTH_PORT means 8080); "off" or silence reports unhealthy.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/cli/healthcheck.js"]
CMD ["node", "dist/main.js"]
