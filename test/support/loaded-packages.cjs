// Preloaded with --require: on exit, writes which npm packages the process loaded (CommonJS ones, such as
// discord.js and @slack/bolt, land in require.cache however they were imported).
process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(require.cache)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
    if (m) packages.add(m[1]);
  }
  process.stderr.write(`\nloaded-packages: ${JSON.stringify([...packages].sort())}\n`);
});
