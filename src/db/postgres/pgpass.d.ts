// The pgpass package (a dependency of pg) has no types of its own.
declare module 'pgpass' {
  interface ConnectionInfo {
    host?: string;
    port?: number;
    database?: string;
    user?: string;
  }
  function pgpass(info: ConnectionInfo, callback: (password: string | undefined) => void): void;
  export default pgpass;
}
