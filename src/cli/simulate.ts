export async function simulate(_argv: string[]): Promise<number> { return 2 }
