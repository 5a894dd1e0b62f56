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
EXPOSE 8080
# Alive when /healthz answers; in the terminal mode (no HEALTH_PORT) there is nothing to check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "const p=process.env.HEALTH_PORT;if(!p)process.exit(0);fetch('http://127.0.0.1:'+p+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/main.js"]
