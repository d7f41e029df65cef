// The layers, top to bottom: app → components → lib → db/models. A file may import from its own layer
// and the layers below it, never from a layer above. scripts/, server/ (the web server npm start runs),
// tests/ and the root files (proxy.ts, instrumentation.ts) sit above all of them and may import anything.
//
// One allowed edge: a client component may import a server-action module (`app/**/actions.ts`, each
// starting with "use server"). Next.js turns that import into a reference that posts to the server, so
// no app code runs in or is bundled into the component; tests/unit/layers.test.ts checks that every
// such file does start with "use server".

const upward = (layer, above) => `${layer}/ must not import from ${above}/: imports point down the layers app → components → lib → db/models (docs/architecture.md).`;

// Inside lib/: the feature folders stand on lib/platform (env, errors, logging, the action and CSV
// wrappers) and lib/auth (sessions and roles, which those wrappers check). Those two name no feature,
// so every feature can use them and they use none.
const BASE = ["platform", "auth"];
const baseZones = BASE.map((folder) => ({
  target: `./lib/${folder}/**/*`,
  from: ["./lib/**/*"],
  // eslint-plugin-import matches glob exceptions against the absolute path as written, unresolved.
  except: BASE.map((f) => `${import.meta.dirname}/lib/${f}/**`),
  message: `lib/${folder}/ must not import a lib/ feature folder: features stand on lib/platform and lib/auth, not the other way round (docs/architecture.md).`,
}));

export const layerZones = [
  { target: "./db/**/*", from: ["./lib/**/*", "./components/**/*", "./app/**/*"], message: upward("db", "lib, components or app") },
  { target: "./models/**/*", from: ["./lib/**/*", "./components/**/*", "./app/**/*"], message: upward("models", "lib, components or app") },
  // models/ is pure ML: arrays in, arrays out, no database (a CLI or a worker thread can use it alone).
  { target: "./models/**/*", from: ["./db/**/*"], message: "models/ must not import from db/: it is pure ML and takes no database (docs/architecture.md)." },
  { target: "./lib/**/*", from: ["./components/**/*", "./app/**/*"], message: upward("lib", "components or app") },
  {
    target: "./components/**/*",
    from: ["./app/**/*"],
    // eslint-plugin-import matches glob exceptions against the absolute path as written, unresolved.
    except: [`${import.meta.dirname}/app/**/actions.ts`],
    message: upward("components", "app") + " Server actions are the one exception: import them from an app/**/actions.ts module.",
  },
  ...baseZones,
];
