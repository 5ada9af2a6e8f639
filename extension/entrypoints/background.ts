import { startBackground } from '../background/main';

export default defineBackground(() => {
  const app = startBackground();
  // Tests reach the running queue through the worker's global scope.
  (globalThis as { deckhand?: unknown }).deckhand = app;
});
