import { DropdownMenu, type DropdownMenuRootProps } from '@kobalte/core/dropdown-menu';

/**
 * Every menu of the app: Kobalte's menu button, opened below its trigger. Not modal: a menu
 * closes on Escape, Tab or a click outside anyway, and a modal one would hide the page from screen
 * readers while its links stay focusable, and put focus-trap guards into the menu's children.
 */
export function Menu(props: DropdownMenuRootProps) {
  return <DropdownMenu modal={false} gutter={4} {...props} />;
}
