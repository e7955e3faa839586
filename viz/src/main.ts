// The viewer's entry: who am I (GET /api/auth/me) → the workspace, or the login screen.
import './styles/app.css';
import { ApiClient } from './api/client.ts';
import type { Me } from './api/types.ts';
import { installTestHook } from './app/testhook.ts';
import { createWorkspace, type Workspace } from './app/workspace.ts';
import { lang, sideOf, t } from './i18n/index.ts';
import { showLogin } from './ui/login.ts';

const root = document.getElementById('app')!;
const api = new ApiClient();
api.lang = lang();
document.documentElement.lang = lang() === 'zh' ? 'zh-CN' : 'en';
let workspace: Workspace | null = null;

function leave(notice?: string): void {
  workspace?.dispose();
  workspace = null;
  installTestHook(null);
  showLogin(root, api, (me) => void enter(me), notice);
}

async function enter(user: Me): Promise<void> {
  try {
    // The login answer carries no role caption: ask who we are, as a reload would.
    const me = user.roleName ? user : ((await api.me()) ?? user);
    const schema = await api.schema();
    workspace?.dispose();
    workspace = createWorkspace(root, api, me, schema, () => leave());
    installTestHook(workspace.ctx);
  } catch (error) {
    leave(error instanceof Error ? sideOf(error.message) : String(error));
  }
}

// A session that expires or is revoked sends the user back to the login screen, saying why.
api.onUnauthorized = () => {
  if (workspace) leave(t('login.expired'));
};

async function boot(): Promise<void> {
  installTestHook(null);
  let me: Me | null = null;
  try {
    me = await api.me();
  } catch (error) {
    leave(error instanceof Error ? sideOf(error.message) : String(error));
    return;
  }
  if (me) await enter(me);
  else leave();
}

void boot();
