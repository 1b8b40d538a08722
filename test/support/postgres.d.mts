/** Where Debian puts the server binaries: the newest /usr/lib/postgresql/<major>/bin with initdb. */
export declare function postgresBin(): string | undefined;
export interface PostgresCluster {
  host: string;
  port: number;
  user: string;
  database: string;
  /** The libpq environment (PGHOST, PGPORT, PGUSER, PGDATABASE) that reaches the database. */
  env: Record<string, string>;
  stop(): Promise<void>;
}
/**
 * Starts a throwaway PostgreSQL cluster on 127.0.0.1 at a free port, creates `database` and runs
 * `setup` in it. The cluster lives in a temporary directory (socket included) that `stop()` removes.
 * PostgreSQL refuses to run as root, so as root the server commands run as the `postgres` user.
 */
export declare function startPostgres(setup: string, database?: string): Promise<PostgresCluster>;
