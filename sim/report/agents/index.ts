/**
 * An agent run's folder → its HTML report.
 *
 * @example
 * const { html } = agentReport("results/agents/seed7-200x100");
 */
import { loadAgentRun, type AgentData } from "./data.js";
import { renderAgentReport } from "./render.js";

export function agentReport(folder: string): { html: string; data: AgentData } {
  const data = loadAgentRun(folder);
  return { html: renderAgentReport(data), data };
}
