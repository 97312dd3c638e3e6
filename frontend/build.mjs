// Copies the NL Design System CSS (Utrecht components) and htmx from node_modules into
// Django's static folder. No CDN is used at run time. The theme (design tokens, fonts) is
// Proeftuin's own: proeftuin/static/proeftuin/theme.css.
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, "../proeftuin/static/vendor");
const files = {
  "@utrecht/component-library-css/dist/index.css": "utrecht-components.css",
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
};

mkdirSync(target, { recursive: true });
for (const [source, name] of Object.entries(files)) {
  copyFileSync(resolve(here, "node_modules", source), resolve(target, name));
  console.log(`static/vendor/${name}`);
}
