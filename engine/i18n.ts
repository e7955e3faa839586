// User-facing text: Chinese first, English available; one catalogue, looked up by stable key.

export type Lang = 'zh' | 'en' | 'both';

type Entry = { zh: string; en: string };

const catalogue = {
  'java.missing': {
    zh: '未找到 Java 17 或更高版本。请安装 OpenJDK 17（Debian: apt-get install openjdk-17-jre-headless），或设置 NEO4J_URI 使用已有的 Neo4j。',
    en: 'Java 17 or newer was not found. Install OpenJDK 17 (Debian: apt-get install openjdk-17-jre-headless), or set NEO4J_URI to use an existing Neo4j.',
  },
  'java.tooOld': {
    zh: 'Java 版本过低（{version}）。Neo4j 5.26 需要 Java 17 或更高版本。',
    en: 'Java is too old ({version}). Neo4j 5.26 needs Java 17 or newer.',
  },
  'maven.missing': {
    zh: '未找到 Maven（mvn）。请安装 Maven（Debian: apt-get install maven），或设置 NEO4J_URI 使用已有的 Neo4j。',
    en: 'Maven (mvn) was not found. Install Maven (Debian: apt-get install maven), or set NEO4J_URI to use an existing Neo4j.',
  },
  'maven.failed': {
    zh: '从 Maven Central 获取 Neo4j {version} 失败（退出码 {code}）。请检查网络或 Maven 设置，详见 {log}。',
    en: 'Fetching Neo4j {version} from Maven Central failed (exit code {code}). Check the network or Maven settings; see {log}.',
  },
  'port.inUse': {
    zh: '端口 {port} 已被占用。请换一个端口（{variable}），或不设置该变量以自动选择空闲端口。',
    en: 'Port {port} is already in use. Choose another port ({variable}), or leave it unset to pick a free one.',
  },
  'port.moved': {
    zh: '上次使用的端口 {previous} 已被占用，改用 {port}（{variable}）。已连接的客户端需要重新读取地址。',
    en: 'Port {previous}, used last time, is taken; using {port} instead ({variable}). Connected clients must look up the address again.',
  },
  'server.crashed': {
    zh: 'Neo4j 启动失败（进程已退出）。日志：{log}\n{tail}',
    en: 'Neo4j failed to start (the process exited). Log: {log}\n{tail}',
  },
  'server.timeout': {
    zh: 'Neo4j 在 {seconds} 秒内未响应 Bolt 连接。日志：{log}',
    en: 'Neo4j did not answer on Bolt within {seconds} s. Log: {log}',
  },
  'server.external': {
    zh: '已设置 NEO4J_URI（{uri}），使用外部 Neo4j，不管理本地实例。',
    en: 'NEO4J_URI is set ({uri}): using that Neo4j; no local instance is managed.',
  },
  'db.started': {
    zh: 'Neo4j 已启动：{uri}（HTTP 端口 {httpPort}，目录 {home}）',
    en: 'Neo4j is running: {uri} (HTTP port {httpPort}, home {home})',
  },
  'db.reused': { zh: 'Neo4j 已在运行，直接复用：{uri}', en: 'Neo4j is already running; reusing it: {uri}' },
  'db.stopped': { zh: 'Neo4j 已停止。', en: 'Neo4j has stopped.' },
  'db.notRunning': {
    zh: '本地 Neo4j 未运行（目录 {home}）。',
    en: 'The local Neo4j is not running (home {home}).',
  },
  'db.reset.needsYes': {
    zh: '此操作会删除全部图数据。确认请加 --yes。',
    en: 'This deletes all graph data. Add --yes to confirm.',
  },
  'db.reset.done': {
    zh: '已删除 {nodes} 个节点及其关系。',
    en: 'Deleted {nodes} nodes and their relationships.',
  },
  'db.provisioning': {
    zh: '正在从 Maven Central 获取 Neo4j {version}（仅首次，缓存于 {cache}）…',
    en: 'Fetching Neo4j {version} from Maven Central (first time only, cached in {cache})…',
  },
  'store.unavailable': {
    zh: '无法连接 Neo4j（{uri}）。请确认数据库已启动（qingfeng db start）后重试。',
    en: 'Neo4j is unreachable ({uri}). Make sure it is running (qingfeng db start) and try again.',
  },
  'store.auth': {
    zh: 'Neo4j 拒绝了用户名或密码（{uri}）。请检查 NEO4J_USER / NEO4J_PASSWORD。',
    en: 'Neo4j refused the user name or password ({uri}). Check NEO4J_USER / NEO4J_PASSWORD.',
  },
  'store.constraint': {
    zh: '违反唯一性约束：{detail}',
    en: 'A uniqueness constraint was violated: {detail}',
  },
  'store.failed': { zh: 'Neo4j 执行失败：{detail}', en: 'Neo4j failed: {detail}' },
  'settings.invalid': { zh: '配置项 {name} 无效：{reason}', en: 'Setting {name} is invalid: {reason}' },
  'serve.listening': { zh: '清风已启动：{url}', en: 'Qingfeng is running at {url}' },
  'serve.stopping': { zh: '正在停止…', en: 'Stopping…' },
  'serve.forcedExit': {
    zh: '{seconds} 秒内未能正常停止，强制退出。',
    en: 'Did not stop cleanly within {seconds} s; exiting anyway.',
  },
  'error.unexpected': { zh: '意外错误：{detail}', en: 'Unexpected error: {detail}' },
} satisfies Record<string, Entry>;

export type MessageKey = keyof typeof catalogue;

function fill(template: string, params: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

/** One message in the requested language; `both` gives Chinese then English on one line. */
export function t(key: MessageKey, params: Record<string, unknown> = {}, lang: Lang = 'zh'): string {
  const entry: Entry = catalogue[key];
  if (lang === 'both') return `${fill(entry.zh, params)} / ${fill(entry.en, params)}`;
  return fill(entry[lang], params);
}

/** Both languages, for messages that must reach any reader (CLI errors, 503 bodies). */
export function bilingual(key: MessageKey, params: Record<string, unknown> = {}): { zh: string; en: string } {
  return { zh: t(key, params, 'zh'), en: t(key, params, 'en') };
}
