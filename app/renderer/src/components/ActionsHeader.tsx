// The header cell of a table's actions column: named for screen readers, empty on screen.
export function ActionsHeader() {
  return (
    <th>
      <span className="visually-hidden">Actions</span>
    </th>
  );
}
