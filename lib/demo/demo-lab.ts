import { CancelledError } from '../decompose/decompose-weights';
import type { WeightSet } from '../tensors/weight-set';
import { remember } from '../util/remember';
import type { ActionsOf, AnyDemo, DemoEvent, DemoHost, DemoSession, InfoOf, ResultOf, RunContext, StateOf } from './contract';

type AnySession = DemoSession<unknown, unknown, unknown, Record<string, unknown>>;
type Listener = (e: DemoEvent) => void;

/**
 * The one lab every demo runs in (in the engine worker, or in Node for evaluation scripts):
 * opens a demo once, validates each state against its schema, gives every call a cancel token
 * and a cache of applied recipes. Demos hold no copy of this plumbing.
 */
export class DemoLab {
  private sessions = new Map<string, Promise<AnySession>>();
  /** Cancel tokens of the calls running per demo: cancel() stops all of them. */
  private running = new Map<string, Set<{ aborted: boolean }>>();
  /** Recently applied recipes: moving one slider re-applies one recipe, not all of them. */
  private applied = new Map<string, WeightSet>();

  constructor(
    private readonly host: DemoHost,
    private readonly registry: Record<string, AnyDemo>,
  ) {}

  private demo(id: string): AnyDemo {
    const d = this.registry[id];
    if (!d) throw new Error(`no demo "${id}"`);
    return d;
  }

  /** Runs `body` with a fresh context whose token cancel(id) can abort. */
  private withContext<T>(id: string, onEvent: Listener | undefined, body: (run: RunContext) => Promise<T>): Promise<T> {
    // The token exists from the moment of the call, so a cancel right after it still counts.
    const token = { aborted: false };
    const live = this.running.get(id) ?? new Set();
    this.running.set(id, live.add(token));
    return body(this.context(token, onEvent)).finally(() => live.delete(token));
  }

  private context(token: { aborted: boolean }, onEvent?: Listener): RunContext {
    return {
      progress: (stage, loaded, total) => onEvent?.({ kind: 'progress', stage, loaded, total }),
      partial: (key, value) => onEvent?.({ kind: 'partial', key, value }),
      cancelled: () => token.aborted,
      check: () => {
        if (token.aborted) throw new CancelledError();
      },
      weights: async (recipe) => {
        const key = JSON.stringify(recipe);
        return this.applied.get(key) ?? remember(this.applied, key, await this.host.engine.apply(recipe), 12);
      },
    };
  }

  private session(id: string, onEvent?: Listener): Promise<AnySession> {
    let s = this.sessions.get(id);
    if (!s) {
      s = this.withContext(id, onEvent, (run) => this.demo(id).open(this.host, run));
      this.sessions.set(id, s);
      s.catch(() => this.sessions.delete(id)); // a failed load can be tried again
    }
    return s;
  }

  /** Loads the demo's models (once) and returns what the page needs to know about them. */
  async load(id: string, onEvent?: Listener): Promise<unknown> {
    return (await this.session(id, onEvent)).info;
  }

  /** The demo's result for a state (the state is checked against the demo's schema first). */
  async evaluate(id: string, state: unknown, onEvent?: Listener): Promise<unknown> {
    const parsed = this.demo(id).state.schema.parse(state);
    return this.withContext(id, onEvent, async (run) => (await this.session(id)).evaluate(parsed, run));
  }

  /** An on-demand computation the demo offers (a sweep, a measurement). */
  async action(id: string, name: string, state: unknown, onEvent?: Listener): Promise<unknown> {
    const parsed = this.demo(id).state.schema.parse(state);
    return this.withContext(id, onEvent, async (run) => {
      const act = (await this.session(id)).actions[name];
      if (!act) throw new Error(`demo "${id}" has no action "${name}"`);
      return act(parsed, run);
    });
  }

  /** Stops the demo's running call at its next check, and any decomposition in progress. */
  cancel(id: string): void {
    for (const t of this.running.get(id) ?? []) t.aborted = true;
    this.host.engine.cancel();
  }

  /** The lab's calls for one demo, typed by its contract (for scripts and tests in Node). */
  typed<C extends AnyDemo>(demo: C) {
    return {
      load: (onEvent?: Listener) => this.load(demo.id, onEvent) as Promise<InfoOf<C>>,
      evaluate: (state: StateOf<C>, onEvent?: Listener) => this.evaluate(demo.id, state, onEvent) as Promise<ResultOf<C>>,
      action: <K extends keyof ActionsOf<C> & string>(name: K, state: StateOf<C>, onEvent?: Listener) => this.action(demo.id, name, state, onEvent) as Promise<ActionsOf<C>[K]>,
      cancel: () => this.cancel(demo.id),
    };
  }
}
