// 共享的 PostgreSQL 数据库：连接、结构与故障。显示的地址中密码一律替换为 ***。
import type { postgres as en } from '../en/postgres.js';

export const postgres: Record<keyof typeof en, string> = {
  'pg.bad_url':
    '无法使用数据库地址 {location}：{reason}。请写成 postgresql://用户@主机:5432/数据库（密码放在 PGPASSWORD 或 ~/.pgpass 中）。',
  'pg.unreachable': '无法连接 {host}:{port} 上的 PostgreSQL 服务器（{reason}）。请确认服务器正在运行，并检查 {location} 中的主机和端口。',
  'pg.auth': 'PostgreSQL 拒绝用户“{user}”登录 {location}：密码错误或没有权限。请检查 PGPASSWORD、~/.pgpass 或地址。',
  'pg.no_database': '{host}:{port} 上没有数据库“{database}”。请管理员先建库（见 README“多个办公室共用一个数据库”）。',
  'pg.no_schema': '{location} 中指定的模式（schema）不存在。请用 custrack init 创建，或检查模式名称。',
  'pg.empty': '{location} 中还没有 custrack 数据。请先运行 `custrack init`（由管理员运行一次）。',
  'pg.not_custrack':
    '{location} 的模式“{schema}”中有不属于 custrack 的表，未作任何改动。请使用空数据库，或单独指定一个模式（?schema=custrack）。',
  'pg.locked':
    '另一个 custrack 命令正在写入 {location}，{seconds} 秒内没有结束，等待超过了忙等时限，本次未写入任何内容。请重试（CUSTRACK_BUSY_TIMEOUT_MS 设置等待时间）。',
  'pg.disk_full': '{location} 的 PostgreSQL 服务器磁盘已满，本次未写入任何内容。请管理员清理空间。',
  'pg.permission': '用户“{user}”无权在 {location} 上执行此操作（{reason}）。请管理员按 README 授权。',
  'pg.read_only': '{location} 的 PostgreSQL 服务器当前只读（备库或只读事务），本次未写入任何内容。',
  'pg.terminated': '命令执行中与 {location} 的连接中断（服务器重启？），本次操作未写入任何内容。请重新运行。',
  'pg.failed': '{location} 上的 PostgreSQL 错误：{reason}',
};
