/**
 * A bed feed's key named in config/beds/sources.yaml (`${NAME}` in its headers) lives in the
 * service's environment. Without it the settings still load (an admin's `sahay accounts …`
 * from an ordinary shell must work), but the service refuses to start, naming file, source
 * and variable, rather than sending an empty key on every refresh.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { configDir } from '../../src/paths';
import { startService } from '../../src/main';

it('loads the settings without the key, and refuses to start without it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sahay-header-keys-'));
  try {
    const config = join(dir, 'config');
    cpSync(configDir, config, { recursive: true });
    writeFileSync(
      join(config, 'beds', 'sources.yaml'),
      'sources:\n  - { id: wb-feed, url: "https://example.org/wb.json", cron: "*/15 * * * *", runOnStart: false, headers: { X-Api-Key: "${SAHAY_TEST_WB_KEY}" } }\n',
    );
    const env = { DATA_DIR: join(dir, 'data'), CONFIG_DIR: config, PORT: '0', HOST: '127.0.0.1' };
    const loaded = loadConfig(env);
    expect(loaded.beds.sources.map((s) => s.id)).toEqual(['wb-feed']);
    const started = startService(loaded, silentLogger);
    await expect(started).rejects.toBeInstanceOf(ConfigError);
    await expect(started).rejects.toThrow(/sources\.0\.headers\.X-Api-Key: source wb-feed reads \$\{SAHAY_TEST_WB_KEY\}, which is not set/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
