/**
 * The JSON API under /__velvet/api. The email list is open to the page; lint findings, renders,
 * fixture saves and sends need the session token the server put into the page.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, optionalString, readJson, requiredString, sendJson } from './http.js';
import { lintForPreview } from './lint.js';
import type { LiveRenderer } from './live.js';
import { API_PREFIX, TOKEN_HEADER, type SendMode } from './protocol.js';
import { saveFixture } from './save-fixture.js';
import { emailSource } from './source.js';
import { tokenMatches, type Middleware } from './security.js';
import type { SendService } from './send.js';
import type { ProjectState } from './state.js';
import type { SyncService } from './sync.js';

export interface ApiOptions {
  state: ProjectState;
  live: LiveRenderer;
  send: SendService;
  token: string;
  /** "Check Yespo": the emails' sync state, on demand. */
  sync?: SyncService | undefined;
}

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function createApiMiddleware({ state, live, send, token, sync }: ApiOptions): Middleware {
  const needToken = (req: IncomingMessage): void => {
    if (!tokenMatches(token, req.headers[TOKEN_HEADER])) throw new HttpError(403, 'missing or wrong session token');
  };

  const routes: Record<string, Handler> = {
    'GET /emails': async (_req, res) => {
      await live.idle();
      sendJson(res, 200, state.summaries());
    },
    'POST /render': async (req, res) => {
      needToken(req);
      const body = await readJson(req);
      const clientId = requiredString(body, 'clientId');
      await live.idle();
      sendJson(
        res,
        200,
        await live.select({
          clientId,
          email: requiredString(body, 'email'),
          fixture: optionalString(body, 'fixture'),
          variant: optionalString(body, 'variant'),
          payload: optionalString(body, 'payload'),
        }),
      );
    },
    'GET /lint': async (req, res, url) => {
      // linting reads every template and fixture of the email: the page's token only
      needToken(req);
      const name = url.searchParams.get('email') ?? '';
      const email = state.email(name);
      if (!email) throw new HttpError(404, `no email '${name}' (or it does not load)`);
      sendJson(res, 200, await lintForPreview(email, state.config, state.errorInfo, state.rel));
    },
    'GET /source': async (req, res, url) => {
      // the template text of the email: the page's token only
      needToken(req);
      await live.idle();
      const name = url.searchParams.get('email') ?? '';
      const source = emailSource(state, name);
      if (!source) throw new HttpError(404, `no email '${name}' (or it does not load)`);
      live.sourceSent(source);
      sendJson(res, 200, source);
    },
    'POST /fixtures': async (req, res) => {
      needToken(req);
      const body = await readJson(req);
      const name = requiredString(body, 'email');
      const email = state.email(name);
      if (!email) throw new HttpError(404, `no email '${name}' (or it does not load)`);
      const variant = optionalString(body, 'fixture');
      const contact = email.fixtures.find((f) => f.name === variant)?.variants[0]?.contact ?? {};
      const outcome = await saveFixture(email, { name: body['name'], payload: body['payload'], overwrite: body['overwrite'] }, contact, state.config.root);
      sendJson(res, outcome.status, outcome);
    },
    'POST /sync': async (req, res) => {
      // reaches Yespo with the server's key: the page's token only
      needToken(req);
      if (!sync) throw new HttpError(404, 'not found');
      sendJson(res, 200, await sync.check());
    },
    'POST /send': async (req, res) => {
      needToken(req);
      const body = await readJson(req);
      const mode = (optionalString(body, 'mode') ?? 'render') as SendMode;
      if (mode !== 'data' && mode !== 'render') throw new HttpError(400, 'mode is data or render');
      const to = body['to'];
      const list = typeof to === 'string' ? [to] : Array.isArray(to) && to.every((x) => typeof x === 'string') ? (to as string[]) : undefined;
      if (!list) throw new HttpError(400, 'to must be a list of addresses');
      const result = await send.start({
        email: requiredString(body, 'email'),
        fixture: optionalString(body, 'fixture'),
        variant: optionalString(body, 'variant'),
        to: list,
        mode,
        payload: optionalString(body, 'payload'),
      });
      sendJson(res, 200, result);
    },
  };

  return (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== API_PREFIX && !url.pathname.startsWith(API_PREFIX + '/')) return next();
    const path = url.pathname.slice(API_PREFIX.length);
    let handler = routes[`${req.method} ${path}`];
    const sendId = /^\/send\/([\w-]+)$/.exec(path)?.[1];
    if (!handler && req.method === 'GET' && sendId === 'settings') {
      handler = async (r, s, u) => {
        needToken(r);
        sendJson(s, 200, await send.settings(u.searchParams.get('email') ?? ''));
      };
    } else if (!handler && req.method === 'GET' && sendId) {
      handler = async (r, s) => {
        needToken(r);
        const found = send.get(sendId);
        if (!found) throw new HttpError(404, 'no such send');
        sendJson(s, 200, found);
      };
    }
    if (!handler) return sendJson(res, 404, { error: 'not found' });
    handler(req, res, url).catch((err: unknown) => {
      if (err instanceof HttpError) return sendJson(res, err.status, { error: err.message });
      sendJson(res, 500, { error: state.errorInfo(err).message });
    });
  };
}
