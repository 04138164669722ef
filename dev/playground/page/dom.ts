type Child = Node | string | null | undefined | false

/** Creates an element; text children become text nodes, so nothing is ever parsed as HTML. */
export const el = <K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] => {
  const element = document.createElement(tag)
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value)
  for (const child of children) if (child) element.append(child)
  return element
}

export const button = (label: string, onClick: () => void, attributes: Record<string, string> = {}) => {
  const element = el('button', { type: 'button', ...attributes }, label)
  element.addEventListener('click', onClick)
  return element
}

export const time = (at: string): string => new Date(at).toLocaleTimeString([], { hour12: false })

export const prettyJson = (body: string): string => {
  try {
    return JSON.stringify(JSON.parse(body), null, 2)
  } catch {
    return body
  }
}
