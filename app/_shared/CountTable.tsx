import { useFormatter } from 'next-intl';
import { Fragment, type ReactNode } from 'react';

export interface CountColumn<K extends string> {
  key: K;
  label: string;
}

export interface CountRow<K extends string> {
  /** Unique among the rows: the area's or pillar's code. */
  id: string;
  /** The row's header: a name, a link or a toggle. */
  name: ReactNode;
  counts: Record<K, number>;
  /** `data-*` attributes the row is found by (e.g. `{ 'data-regency': '62.03' }`). */
  attributes?: Record<`data-${string}`, string>;
  className?: string;
  /** Shown in a full-width row right below, e.g. the breakdown of an opened kabupaten. */
  detail?: ReactNode;
}

export interface CountTableProps<K extends string> {
  /** Read by screen readers only; the section around the table carries the visible heading. */
  caption: string;
  nameHeader: string;
  columns: CountColumn<K>[];
  rows: CountRow<K>[];
  /** Adds a footer row adding every column up, headed with this label. */
  totalLabel?: string;
  className?: string;
  testId?: string;
}

/**
 * Rows of kabupaten/kota, provinces or pillars with numeric columns: the one table every page draws them
 * with. Row headers are scoped, numbers right-aligned in the page's locale, the first column stressed;
 * each number cell is `data-testid` = its column key, each total `total-<key>`.
 */
export function CountTable<K extends string>({
  caption,
  nameHeader,
  columns,
  rows,
  totalLabel,
  className = 'availability-table',
  testId,
}: CountTableProps<K>) {
  const format = useFormatter();
  const cellClass = (index: number) => (index === 0 ? 'num strong' : 'num');
  return (
    <table className={className} data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{nameHeader}</th>
          {columns.map((column) => (
            <th key={column.key} scope="col" className="num">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <Fragment key={row.id}>
            <tr {...row.attributes} className={row.className}>
              <th scope="row">{row.name}</th>
              {columns.map((column, index) => (
                <td key={column.key} className={cellClass(index)} data-testid={column.key}>
                  {format.number(row.counts[column.key])}
                </td>
              ))}
            </tr>
            {row.detail !== undefined && (
              <tr className="breakdown-row">
                <td colSpan={columns.length + 1}>{row.detail}</td>
              </tr>
            )}
          </Fragment>
        ))}
      </tbody>
      {totalLabel !== undefined && (
        <tfoot>
          <tr>
            <th scope="row">{totalLabel}</th>
            {columns.map((column) => (
              <td key={column.key} className="num" data-testid={`total-${column.key}`}>
                {format.number(rows.reduce((sum, row) => sum + row.counts[column.key], 0))}
              </td>
            ))}
          </tr>
        </tfoot>
      )}
    </table>
  );
}
