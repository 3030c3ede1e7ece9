/**
 * Whether a project file is inside the paths given on the command line (files or folders, root-relative POSIX);
 * no paths means the whole project. The one definition of "the report is limited to these paths".
 */
export function isWithinPaths(file: string, paths: readonly string[]): boolean {
  if (paths.length === 0) return true;
  return paths.some((given) => {
    const prefix = given.replace(/\/+$/, '');
    return prefix === '' || prefix === '.' || file === prefix || file.startsWith(`${prefix}/`);
  });
}
