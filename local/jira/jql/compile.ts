import { JastBuilder } from '@atlaskit/jql-ast';
import type { Clause, Field, Operand, OrderBy, TerminalClause } from '@atlaskit/jql-ast';
import type { Database } from '../../db';
import { JiraError } from '../errors';
import { type EntityPropertyIndex, type IndexedPropertyPath, indexKey } from './entity-properties';
import { parseJqlDate } from './dates';

/**
 * JQL → parametrised SQL over `issues i`. User values only ever travel as bound parameters;
 * the SQL text is assembled from fixed fragments chosen by field and operator.
 */

export interface JqlContext {
  db: Database;
  /** The caller's account id for `currentUser()`; null for the app. */
  currentAccountId: string | null;
  properties: EntityPropertyIndex;
  now?: Date;
  /** The saved filters a `filter` value names that the caller may see (none: the field names nothing). */
  savedFilters?: (value: string) => SavedFilterRef[];
  /** Filters being expanded (a filter under edit too): naming one of them again is a cycle. */
  filterStack?: readonly number[];
}

export interface SavedFilterRef {
  id: number;
  name: string;
  jql: string;
}

export interface CompiledJql {
  where: string;
  params: unknown[];
  orderBy: string;
}

type Atom = { kind: 'value'; value: string } | { kind: 'empty' } | { kind: 'function'; name: string; args: string[] };

export function jqlError(message: string): JiraError {
  return new JiraError(400, [message]);
}

export function compileJql(jql: string, ctx: JqlContext): CompiledJql {
  const ast = new JastBuilder().build(jql ?? '');
  if (ast.errors.length > 0 || !ast.query) {
    const detail = ast.errors.map((e) => e.message).join('; ') || 'the query could not be parsed';
    throw jqlError(`Error in the JQL Query: ${detail}`);
  }
  const params: unknown[] = [];
  const compiler = new Compiler(ctx, params);
  const where = ast.query.where ? compiler.clause(ast.query.where) : '1';
  const orderBy = compiler.orderBy(ast.query.orderBy || undefined);
  return { where, params, orderBy };
}

class Compiler {
  private readonly filterStack: number[];

  constructor(private readonly ctx: JqlContext, private readonly params: unknown[]) {
    this.filterStack = [...(ctx.filterStack ?? [])];
  }

  private bind(value: unknown): string {
    this.params.push(value);
    return '?';
  }

  private bindList(values: unknown[]): string {
    return values.map((v) => this.bind(v)).join(', ');
  }

  clause(c: Clause): string {
    switch (c.clauseType) {
      case 'compound': {
        const joiner = c.operator.value === 'or' ? ' OR ' : ' AND ';
        return `(${c.clauses.map((x) => this.clause(x)).join(joiner)})`;
      }
      case 'not':
        return `(NOT ${this.clause(c.clause)})`;
      case 'terminal':
        // A terminal clause is always true or false (never NULL) so that NOT behaves as in Jira.
        return `(COALESCE(${this.terminal(c)}, 0))`;
    }
  }

  private terminal(c: TerminalClause): string {
    if (!c.operator || !c.operand) throw jqlError('Error in the JQL Query: the query is incomplete.');
    if (c.predicates.length > 0) throw jqlError(`Error in the JQL Query: history predicates are not supported here.`);
    const op = c.operator.value;
    const atoms = this.atoms(c.operand);
    const isList = c.operand.operandType === 'list';
    const field = this.field(c.field);

    if (op === 'was' || op === 'was not' || op === 'was in' || op === 'was not in' || op === 'changed') {
      throw jqlError(`The operator '${op.toUpperCase()}' is not supported by the '${field.name}' field.`);
    }
    if ((op === 'in' || op === 'not in') && !isList && atoms.length !== 1) {
      throw jqlError(`Error in the JQL Query: the operator '${op.toUpperCase()}' needs a list of values.`);
    }
    if ((op === 'is' || op === 'is not') && !(atoms.length === 1 && atoms[0].kind === 'empty')) {
      throw jqlError(`The operator '${op.toUpperCase()}' only accepts EMPTY or NULL (field '${field.name}').`);
    }
    if (isList && op !== 'in' && op !== 'not in') {
      throw jqlError(`The operator '${op}' does not accept a list of values (field '${field.name}').`);
    }
    return field.compile(op, atoms);
  }

  private atoms(operand: Operand): Atom[] {
    switch (operand.operandType) {
      case 'value': return [{ kind: 'value', value: operand.value }];
      case 'keyword': return [{ kind: 'empty' }];
      case 'function':
        return [{ kind: 'function', name: operand.function.value.toLowerCase(), args: operand.arguments.map((a) => a.value) }];
      case 'list': return operand.values.flatMap((v) => this.atoms(v));
    }
  }

  // ---- fields -------------------------------------------------------------------------------

  private field(f: Field): FieldCompiler {
    const name = f.value.toLowerCase();
    if (name === 'issue.property') return this.propertyField(f);
    const alias = this.ctx.properties.byAlias.get(name);
    if (alias) return this.propertyPathField(f.value, alias);
    switch (name) {
      case 'project':
        return this.refField('project', 'i.project_id', (v) => this.lookup(
          'SELECT id FROM projects WHERE key = ? COLLATE NOCASE OR id = ? OR name = ? COLLATE NOCASE', [v, v, v]));
      case 'issuetype':
      case 'type':
        return this.refField(f.value, 'i.issuetype_id', (v) => this.lookup(
          'SELECT id FROM issue_types WHERE id = ? OR name = ? COLLATE NOCASE', [v, v]));
      case 'status':
        return this.refField('status', 'i.status_id', (v) => this.lookup(
          'SELECT id FROM statuses WHERE id = ? OR name = ? COLLATE NOCASE', [v, v]));
      case 'statuscategory':
        return this.refField('statusCategory', 'i.status_id', (v) => this.lookup(
          `SELECT s.id FROM statuses s JOIN status_categories c ON c.id = s.category_id
           WHERE CAST(c.id AS TEXT) = ? OR c.key = ? COLLATE NOCASE OR c.name = ? COLLATE NOCASE`, [v, v, v]), true);
      case 'assignee':
      case 'reporter':
      case 'creator':
        return this.refField(name, name === 'assignee' ? 'i.assignee_id' : 'i.reporter_id', (v) => this.lookup(
          'SELECT account_id FROM users WHERE account_id = ? OR email = ? COLLATE NOCASE OR display_name = ? COLLATE NOCASE', [v, v, v]));
      case 'parent':
        return this.refField('parent', 'i.parent_id', (v) => this.lookup(
          'SELECT id FROM issues WHERE key = ? OR id = ? UNION SELECT issue_id FROM issue_key_history WHERE key = ?', [v, /^\d+$/.test(v) ? Number(v) : -1, v]), true);
      case 'labels':
        return this.labelsField();
      case 'filter':
      case 'request':
      case 'savedfilter':
      case 'searchrequest':
        return this.filterField(f.value);
      case 'key':
      case 'issuekey':
      case 'id':
        return this.keyField(f.value);
      case 'summary':
        return this.textField('summary', 'i.summary');
      case 'description':
        return this.textField('description', null);
      case 'text':
        return this.textField('text', 'i.summary', true);
      case 'created':
      case 'createddate':
        return this.dateField('created', 'i.created');
      case 'updated':
      case 'updateddate':
        return this.dateField('updated', 'i.updated');
      case 'resolved':
      case 'resolutiondate':
        return this.dateField(f.value, 'i.resolutiondate');
      default:
        throw unknownField(f.value);
    }
  }

  private lookup(sql: string, args: unknown[]): Array<string | number> {
    return (this.ctx.db.prepare(sql).raw().all(...args) as Array<[string | number]>).map((r) => r[0]);
  }

  private currentUser(): string {
    if (!this.ctx.currentAccountId) throw jqlError('The function currentUser() needs a user; this call has none.');
    return this.ctx.currentAccountId;
  }

  /** A single-valued reference column; values resolve to ids, unknown values are errors as in Jira. */
  private refField(name: string, column: string, resolve: (v: string) => Array<string | number>, lenient = false): FieldCompiler {
    const resolveAtoms = (atoms: Atom[]) => {
      let empty = false;
      const ids: Array<string | number> = [];
      for (const a of atoms) {
        if (a.kind === 'empty') { empty = true; continue; }
        let raw: string;
        if (a.kind === 'function') {
          if (a.name !== 'currentuser' || !column.startsWith('i.assignee') && !column.startsWith('i.reporter')) {
            throw unknownFunction(a.name, name);
          }
          raw = this.currentUser();
        } else raw = a.value;
        const found = resolve(raw);
        if (found.length === 0 && !lenient) throw jqlError(`The value '${raw}' does not exist for the field '${name}'.`);
        ids.push(...found);
      }
      return { empty, ids };
    };
    return {
      name,
      compile: (op, atoms) => {
        const { empty, ids } = resolveAtoms(atoms);
        const inList = () => (ids.length > 0 ? `${column} IN (${this.bindList(ids)})` : '0');
        switch (op) {
          case '=':
          case 'in':
            return empty ? `(${column} IS NULL OR ${inList()})` : inList();
          case '!=':
          case 'not in':
            return ids.length > 0 ? `(${column} IS NOT NULL AND ${column} NOT IN (${this.bindList(ids)}))` : `${column} IS NOT NULL`;
          case 'is': return `${column} IS NULL`;
          case 'is not': return `${column} IS NOT NULL`;
          default: throw unsupportedOperator(op, name);
        }
      },
    };
  }

  /**
   * `filter = 10000`, `filter = "Name"`, `filter in (…)`: each filter's own condition (its ORDER BY dropped), as
   * Jira's saved-filter clause. A filter the caller cannot see does not exist for them; one that leads back to
   * a filter being expanded is refused as Jira refuses it.
   */
  private filterField(name: string): FieldCompiler {
    const conditions = (atoms: Atom[]) => atoms.map((a) => {
      if (a.kind === 'empty') throw jqlError(`The field '${name}' does not support searching for EMPTY values.`);
      if (a.kind === 'function') throw unknownFunction(a.name, name);
      const found = this.ctx.savedFilters?.(a.value) ?? [];
      if (found.length === 0) {
        throw jqlError(/^\d+$/.test(a.value) ? `A value with ID '${a.value}' does not exist for the field '${name}'.` : `The value '${a.value}' does not exist for the field '${name}'.`);
      }
      return found.map((filter) => {
        if (this.filterStack.includes(filter.id)) {
          throw jqlError(`Field '${name}' with value '${a.value}' matches filter '${filter.name}' and causes a cyclical reference, this query can not be executed and should be edited.`);
        }
        const ast = new JastBuilder().build(filter.jql);
        if (ast.errors.length > 0 || !ast.query) throw jqlError(`Error in the JQL Query of filter '${filter.name}': ${ast.errors.map((e) => e.message).join('; ')}`);
        if (!ast.query.where) return '1';
        this.filterStack.push(filter.id);
        try {
          return this.clause(ast.query.where);
        } finally {
          this.filterStack.pop();
        }
      }).join(' OR ');
    });
    return {
      name,
      compile: (op, atoms) => {
        switch (op) {
          case '=':
          case 'in': return `(${conditions(atoms).join(' OR ')})`;
          case '!=':
          case 'not in': return `(NOT (${conditions(atoms).join(' OR ')}))`;
          default: throw unsupportedOperator(op, name);
        }
      },
    };
  }

  private labelsField(): FieldCompiler {
    const has = (values: string[]) =>
      `EXISTS (SELECT 1 FROM json_each(i.labels) l WHERE l.value IN (${this.bindList(values)}))`;
    const values = (atoms: Atom[]) => atoms.flatMap((a) => {
      if (a.kind === 'function') throw unknownFunction(a.name, 'labels');
      return a.kind === 'value' ? [a.value] : [];
    });
    return {
      name: 'labels',
      compile: (op, atoms) => {
        const list = values(atoms);
        const empty = atoms.some((a) => a.kind === 'empty');
        switch (op) {
          case '=':
          case 'in': {
            const parts = [list.length > 0 ? has(list) : '0'];
            if (empty) parts.push(`i.labels = '[]'`);
            return `(${parts.join(' OR ')})`;
          }
          case '!=':
          case 'not in':
            return list.length > 0 ? `(i.labels != '[]' AND NOT ${has(list)})` : `i.labels != '[]'`;
          case 'is': return `i.labels = '[]'`;
          case 'is not': return `i.labels != '[]'`;
          default: throw unsupportedOperator(op, 'labels');
        }
      },
    };
  }

  private keyField(name: string): FieldCompiler {
    const split = (atoms: Atom[]) => {
      const keys: string[] = [];
      const ids: number[] = [];
      for (const a of atoms) {
        if (a.kind === 'empty') continue;
        if (a.kind === 'function') throw unknownFunction(a.name, name);
        if (/^\d+$/.test(a.value)) ids.push(Number(a.value));
        else if (/^[A-Za-z][A-Za-z0-9_]*-\d+$/.test(a.value)) keys.push(a.value);
        else throw jqlError(`The issue key '${a.value}' for field '${name}' is invalid.`);
      }
      return { keys, ids };
    };
    const matches = (keys: string[], ids: number[]) => {
      const parts: string[] = [];
      if (keys.length > 0) {
        // A key the issue had before a move still finds it, as in Jira.
        parts.push(`i.key IN (${this.bindList(keys)})`, `i.id IN (SELECT issue_id FROM issue_key_history WHERE key IN (${this.bindList(keys)}))`);
      }
      if (ids.length > 0) parts.push(`i.id IN (${this.bindList(ids)})`);
      return parts.length > 0 ? `(${parts.join(' OR ')})` : '0';
    };
    return {
      name,
      compile: (op, atoms) => {
        switch (op) {
          case '=':
          case 'in': {
            const { keys, ids } = split(atoms);
            return matches(keys, ids);
          }
          case '!=':
          case 'not in': {
            const { keys, ids } = split(atoms);
            return `(NOT ${matches(keys, ids)})`;
          }
          case 'is': return '0';
          case 'is not': return '1';
          case '>': case '>=': case '<': case '<=': {
            const a = atoms[0];
            if (a.kind !== 'value') throw unsupportedOperator(op, name);
            if (/^\d+$/.test(a.value)) return `i.id ${op} ${this.bind(Number(a.value))}`;
            const m = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(a.value);
            if (!m) throw jqlError(`The issue key '${a.value}' for field '${name}' is invalid.`);
            return `(i.project_id = (SELECT id FROM projects WHERE key = ${this.bind(m[1])}) AND i.num ${op} ${this.bind(Number(m[2]))})`;
          }
          default: throw unsupportedOperator(op, name);
        }
      },
    };
  }

  /** `~` is a case-insensitive "contains" (wildcards are dropped); `text` also searches the description. */
  private textField(name: string, column: string | null, alsoDescription = false): FieldCompiler {
    const descriptionHas = (p: string) =>
      `EXISTS (SELECT 1 FROM json_tree(i.description) t WHERE t.key = 'text' AND instr(lower(t.value), lower(${p})) > 0)`;
    const contains = (value: string) => {
      const term = value.replace(/[*?]/g, '').trim();
      const parts: string[] = [];
      if (column) parts.push(`instr(lower(${column}), lower(${this.bind(term)})) > 0`);
      if (!column || alsoDescription) parts.push(`(i.description IS NOT NULL AND ${descriptionHas(this.bind(term))})`);
      return `(${parts.join(' OR ')})`;
    };
    const present = column ? `${column} IS NOT NULL AND ${column} != ''` : `i.description IS NOT NULL`;
    return {
      name,
      compile: (op, atoms) => {
        const a = atoms[0];
        switch (op) {
          case '~':
            if (a.kind !== 'value') throw unsupportedOperator(op, name);
            return contains(a.value);
          case '!~':
            if (a.kind !== 'value') throw unsupportedOperator(op, name);
            return `(${present} AND NOT ${contains(a.value)})`;
          case 'is': return `(NOT (${present}))`;
          case 'is not': return `(${present})`;
          default: throw unsupportedOperator(op, name);
        }
      },
    };
  }

  private dateField(name: string, column: string): FieldCompiler {
    return { name, compile: (op, atoms) => this.dateCompare(name, column, op, atoms) };
  }

  private dateValue(name: string, a: Atom): string {
    if (a.kind === 'function') {
      if (a.name === 'now') return (this.ctx.now ?? new Date()).toISOString();
      throw unknownFunction(a.name, name);
    }
    if (a.kind !== 'value') throw jqlError(`Field '${name}' needs a date value.`);
    const iso = parseJqlDate(a.value, this.ctx.now ?? new Date());
    if (!iso) {
      throw jqlError(`Date value '${a.value}' for field '${name}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`);
    }
    return iso;
  }

  private dateCompare(name: string, column: string, op: string, atoms: Atom[]): string {
    switch (op) {
      case '=': case '!=': case '>': case '>=': case '<': case '<=': {
        const a = atoms[0];
        if (a.kind === 'empty') return op === '=' ? `${column} IS NULL` : op === '!=' ? `${column} IS NOT NULL` : '0';
        const sqlOp = op === '!=' ? '!=' : op;
        return `(${column} IS NOT NULL AND ${column} ${sqlOp} ${this.bind(this.dateValue(name, a))})`;
      }
      case 'in':
      case 'not in': {
        const values = atoms.filter((a) => a.kind !== 'empty').map((a) => this.dateValue(name, a));
        const empty = atoms.some((a) => a.kind === 'empty');
        const inList = () => (values.length > 0 ? `${column} IN (${this.bindList(values)})` : '0');
        if (op === 'in') return empty ? `(${column} IS NULL OR ${inList()})` : inList();
        return values.length > 0 ? `(${column} IS NOT NULL AND ${column} NOT IN (${this.bindList(values)}))` : `${column} IS NOT NULL`;
      }
      case 'is': return `${column} IS NULL`;
      case 'is not': return `${column} IS NOT NULL`;
      default: throw unsupportedOperator(op, name);
    }
  }

  // ---- entity properties --------------------------------------------------------------------

  private propertyField(f: Field): FieldCompiler {
    const prop = f.properties ? f.properties[0] : undefined;
    const key = prop?.key ? prop.key.value : undefined;
    const path = (prop?.path ? prop.path : []).map((p) => p.value).join('').replace(/^\./, '');
    if (!key || !path) throw unknownField(f.text);
    const indexed = this.ctx.properties.byKeyAndPath.get(indexKey(key, path));
    if (!indexed) throw unknownField(`issue.property[${key}].${path}`);
    return this.propertyPathField(`issue.property[${key}].${path}`, indexed);
  }

  /** The value at the path, from the property row (one indexed lookup per issue). */
  propertyExpression(p: IndexedPropertyPath): string {
    // Key and path come from the manifest (the JQL only selects one of them), so they may be SQL literals:
    // that keeps the expression free of parameters and usable twice in one clause.
    const jsonPath = '$' + p.path.split('.').map((s) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `."${s.replace(/"/g, '')}"`)).join('');
    const raw = `(SELECT json_extract(p.value, ${sqlLiteral(jsonPath)}) FROM issue_properties p WHERE p.issue_id = i.id AND p.key = ${sqlLiteral(p.propertyKey)})`;
    if (p.type === 'number') return `CAST(${raw} AS REAL)`;
    if (p.type === 'date') return `strftime('%Y-%m-%dT%H:%M:%fZ', ${raw})`;
    return raw;
  }

  private propertyPathField(name: string, p: IndexedPropertyPath): FieldCompiler {
    const convert = (a: Atom): unknown => {
      if (a.kind === 'function') {
        if (p.type === 'user' && a.name === 'currentuser') return this.currentUser();
        if (p.type === 'date' && a.name === 'now') return (this.ctx.now ?? new Date()).toISOString();
        throw unknownFunction(a.name, name);
      }
      if (a.kind === 'empty') return null;
      if (p.type === 'number') {
        const n = Number(a.value);
        if (a.value.trim() === '' || !Number.isFinite(n)) throw jqlError(`The value '${a.value}' is not a valid number for field '${name}'.`);
        return n;
      }
      if (p.type === 'date') return this.dateValue(name, a);
      return a.value;
    };
    return {
      name,
      compile: (op, atoms) => {
        const expr = () => this.propertyExpression(p);
        switch (op) {
          case '=': case '!=': case '>': case '>=': case '<': case '<=': {
            const a = atoms[0];
            if (a.kind === 'empty') {
              if (op === '=') return `${expr()} IS NULL`;
              if (op === '!=') return `${expr()} IS NOT NULL`;
              throw unsupportedOperator(op, name);
            }
            if (p.type === 'text') throw unsupportedOperator(op, name);
            const e = expr();
            return `(${e} IS NOT NULL AND ${e} ${op} ${this.bind(convert(a))})`;
          }
          case 'in':
          case 'not in': {
            const values = atoms.filter((a) => a.kind !== 'empty').map(convert);
            const empty = atoms.some((a) => a.kind === 'empty');
            const e = expr();
            const inList = values.length > 0 ? `${e} IN (${this.bindList(values)})` : '0';
            if (op === 'in') return empty ? `(${e} IS NULL OR ${inList})` : inList;
            return values.length > 0 ? `(${e} IS NOT NULL AND NOT ${inList})` : `${e} IS NOT NULL`;
          }
          case '~':
          case '!~': {
            const a = atoms[0];
            if (p.type !== 'text' && p.type !== 'string') throw unsupportedOperator(op, name);
            if (a.kind !== 'value') throw unsupportedOperator(op, name);
            const e = expr();
            const has = `instr(lower(${e}), lower(${this.bind(a.value.replace(/[*?]/g, ''))})) > 0`;
            return op === '~' ? `(${e} IS NOT NULL AND ${has})` : `(${e} IS NOT NULL AND NOT (${has}))`;
          }
          case 'is': return `${expr()} IS NULL`;
          case 'is not': return `${expr()} IS NOT NULL`;
          default: throw unsupportedOperator(op, name);
        }
      },
    };
  }

  // ---- ORDER BY -----------------------------------------------------------------------------

  orderBy(orderBy: OrderBy | undefined): string {
    if (!orderBy || orderBy.fields.length === 0) return 'i.id DESC';
    const parts: string[] = [];
    for (const of of orderBy.fields) {
      const dir = of.direction && of.direction.value.toUpperCase() === 'DESC' ? 'DESC' : 'ASC';
      for (const expr of this.sortExpressions(of.field)) parts.push(`${expr} ${dir}`);
    }
    parts.push('i.id ASC');
    return parts.join(', ');
  }

  private sortExpressions(f: Field): string[] {
    const name = f.value.toLowerCase();
    if (name === 'issue.property') {
      const prop = f.properties ? f.properties[0] : undefined;
      const key = prop?.key ? prop.key.value : '';
      const path = (prop?.path ? prop.path : []).map((p) => p.value).join('').replace(/^\./, '');
      const indexed = this.ctx.properties.byKeyAndPath.get(indexKey(key, path));
      if (!indexed) throw unknownField(`issue.property[${key}].${path}`);
      return [this.propertyExpression(indexed)];
    }
    const alias = this.ctx.properties.byAlias.get(name);
    if (alias) return [this.propertyExpression(alias)];
    switch (name) {
      case 'key': case 'issuekey': return ['(SELECT key FROM projects WHERE id = i.project_id)', 'i.num'];
      case 'id': case 'rank': return ['i.id'];
      case 'created': case 'createddate': return ['i.created'];
      case 'updated': case 'updateddate': return ['i.updated'];
      case 'resolved': case 'resolutiondate': return ['i.resolutiondate'];
      case 'summary': return ['i.summary COLLATE NOCASE'];
      case 'status': return [CATEGORY_RANK, 'CAST(i.status_id AS INTEGER)'];
      case 'statuscategory': return [CATEGORY_RANK];
      case 'issuetype': case 'type': return ['(SELECT hierarchy_level FROM issue_types WHERE id = i.issuetype_id)', 'i.issuetype_id'];
      case 'project': return ['(SELECT key FROM projects WHERE id = i.project_id)'];
      case 'assignee': return ['(SELECT display_name FROM users WHERE account_id = i.assignee_id)'];
      case 'reporter': return ['(SELECT display_name FROM users WHERE account_id = i.reporter_id)'];
      case 'parent': return ['i.parent_id'];
      default: throw jqlError(`Field '${f.value}' does not exist or you do not have permission to view it.`);
    }
  }
}

/** Workflow order: To Do, then In Progress, then Done. */
const CATEGORY_RANK = `(SELECT CASE c.key WHEN 'new' THEN 0 WHEN 'indeterminate' THEN 1 ELSE 2 END
  FROM statuses s JOIN status_categories c ON c.id = s.category_id WHERE s.id = i.status_id)`;

interface FieldCompiler {
  name: string;
  compile: (op: string, atoms: Atom[]) => string;
}

function sqlLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function unknownField(name: string): JiraError {
  return jqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
}

function unsupportedOperator(op: string, field: string): JiraError {
  return jqlError(`The operator '${op.toUpperCase()}' is not supported by the '${field}' field.`);
}

function unknownFunction(name: string, field: string): JiraError {
  return jqlError(`Unable to find JQL function '${name}()' usable with the field '${field}'.`);
}
