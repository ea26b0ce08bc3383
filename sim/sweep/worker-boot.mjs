// Entry point of a sweep worker thread: make TypeScript importable in this thread (tsx), then start
// the worker. Plain JavaScript so that it loads whatever loader the parent process used.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
