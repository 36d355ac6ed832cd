declare module 'virtual:custom-elements-manifest' {
  const manifest: unknown;
  export default manifest;
}
