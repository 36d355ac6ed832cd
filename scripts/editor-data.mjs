// Editor completion for the kit's tags, generated from dist/custom-elements.json (run after
// `cem analyze` by `npm run manifest`):
//   dist/vscode.html-custom-data.json, dist/vscode.css-custom-data.json — VS Code custom data;
//   dist/web-types.json — JetBrains web-types, found through package.json "web-types".
import { readFileSync, writeFileSync } from 'node:fs';
import { getWebTypesData } from 'custom-element-jet-brains-integration';
import {
  getVsCodeCssCustomData,
  getVsCodeHtmlCustomData,
} from 'custom-element-vs-code-integration';

const manifest = JSON.parse(readFileSync('dist/custom-elements.json', 'utf8'));
const options = { hideLogs: true, hideMethodDocs: false };

writeFileSync('dist/vscode.html-custom-data.json', getVsCodeHtmlCustomData(manifest, options));
writeFileSync('dist/vscode.css-custom-data.json', getVsCodeCssCustomData(manifest, options));
writeFileSync('dist/web-types.json', getWebTypesData(manifest, options));
