// What the ahead-of-time compile of the Angular example sees of the kit: only types, so that
// it need not load the kit's sources (ngc's type check of the example does, with strict
// templates, in `npm run typecheck`).
export type ChatMessage = { role: string; content: string };
export type ChatTransport = object;
