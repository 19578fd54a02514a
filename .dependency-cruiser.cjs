/**
 * The layer check (`npm run check:layers`, part of `npm test`). Layers, lowest first; a module may
 * import from its own layer and lower ones, never from a higher one, and no import cycle is allowed
 * anywhere. The README's architecture section names the same layers. Type-only imports count: a
 * type that a lower layer needs belongs in that layer.
 */
const LAYERS = [
  // Platform types every layer may take as an injected dependency (the storage area), and bounded HTTP reading.
  { name: 'platform', paths: ['utils/platform/', 'utils/http/'] },
  { name: 'catalog', paths: ['utils/catalog/'] },
  { name: 'probe', paths: ['utils/probe/'] },
  { name: 'verdict', paths: ['utils/verdict/'] },
  { name: 'store/audit', paths: ['utils/store/', 'utils/audit/'] },
  {
    name: 'report/gap',
    paths: ['utils/gap/', 'utils/report/', 'utils/history/', 'utils/export/', 'utils/upload/', 'utils/fleet/', 'utils/i18n/', 'utils/settings/', 'utils/letter/'],
  },
  {
    name: 'background',
    paths: ['utils/background/', 'utils/schedule/', 'utils/managed/', 'utils/browser/', 'utils/messaging\\.ts$'],
  },
  { name: 'page logic', paths: ['utils/ui/', 'utils/present/'] },
  { name: 'components', paths: ['components/'] },
  { name: 'entrypoints', paths: ['entrypoints/'] },
];

const TEST_FILE = '\\.test\\.tsx?$';
const pathOf = (layer) => `^(${layer.paths.join('|')})`;

const upward = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer.name.replace(/\W+/g, '-')}`,
  comment: `${layer.name} is below ${LAYERS.slice(i + 1).map((l) => l.name).join(', ')}: it must not import them`,
  severity: 'error',
  // Unit tests may exercise a layer through a higher one (e.g. a verdict counted in the gap).
  from: { path: pathOf(layer), pathNot: TEST_FILE },
  to: { path: LAYERS.slice(i + 1).map(pathOf) },
}));

module.exports = {

  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle means two modules are one: merge them or move what both need below them.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...upward,
    {
      name: 'extension-not-from-tools',
      comment: 'The extension never imports the lab, the scripts or the tests (they import it); unit tests may take fixtures.',
      severity: 'error',
      from: { path: '^(utils|components|entrypoints)/', pathNot: TEST_FILE },
      to: { path: '^(lab|scripts|tests)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^node_modules|^\\.output|^\\.wxt)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
