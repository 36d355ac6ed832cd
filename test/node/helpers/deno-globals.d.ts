// The part of Deno's global the Deno example uses, so it type-checks here without Deno.
declare namespace Deno {
  const env: { get(name: string): string | undefined };
  function serve(
    options: { port: number },
    handler: (request: Request) => Promise<Response>,
  ): unknown;
}
