/**
 * In-process news of tickets, for the live queue (server-sent events, sse.ts) and
 * auto-assignment: a ticket was opened, changed, or its patient wrote. Only ids go
 * through here, never message text. Another process's changes are picked up by the
 * streams' periodic refresh (sse.ts), so several processes on one database work too.
 */
export interface TicketNews {
  ticketId: string;
  /** opened: a new ticket; message: the patient wrote; changed: state, queue, priority… */
  what: 'opened' | 'message' | 'changed';
}

export type NewsListener = (news: TicketNews) => void;

export class HandoffHub {
  private readonly listeners = new Set<NewsListener>();

  subscribe(listener: NewsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(news: TicketNews): void {
    for (const l of [...this.listeners]) {
      try {
        l(news);
      } catch {
        // A listener's failure (a closed stream) must not stop the others.
      }
    }
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

/** An operator with the live queue open, as they were when they opened it. */
export interface PresentOperator {
  id: string;
  queues: string[];
  languages: string[];
}

/** Who has the live queue open right now: the operators counted for estimates and auto-assignment. */
export class Presence {
  private readonly connections = new Map<string, { count: number; operator: PresentOperator }>();

  /** An operator opened the queue; call the returned function when the stream ends. */
  join(operator: PresentOperator): () => void {
    const entry = this.connections.get(operator.id);
    this.connections.set(operator.id, { count: (entry?.count ?? 0) + 1, operator: { ...operator } });
    let left = false;
    return () => {
      if (left) return;
      left = true;
      const now = this.connections.get(operator.id);
      if (!now) return;
      if (now.count <= 1) this.connections.delete(operator.id);
      else now.count -= 1;
    };
  }

  online(): PresentOperator[] {
    return [...this.connections.values()].map((e) => ({ ...e.operator }));
  }
}
