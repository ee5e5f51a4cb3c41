export {
  DEFAULT_DEMO_SEED,
  planDemoData,
  seedDemoData,
  type DemoData,
  type DemoSeedOptions,
  type DemoSeedSummary,
} from './demo';
