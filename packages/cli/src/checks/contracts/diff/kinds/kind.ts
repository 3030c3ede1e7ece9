/**
 * One change the diff names, as the catalogue's ChangeKind is: declared here so that these lists need not import
 * the catalogue that spreads them (a cycle, even of types).
 */
export interface KindEntry {
  id: string;
  level: 'error' | 'warning' | 'info';
  description: string;
}
