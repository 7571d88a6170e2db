/** Stand-in for sucrase's table of JSX character entities: JSX is never parsed by the runner. */
export default new Map<string, string>();
