/** One example payload per message type the channel declares. */
export const PAYLOADS: Record<string, Record<string, unknown>> = {
  text: { text: 'Hello' },
  markdown: { markdown: '**Hello**' },
  image: { imageUrl: 'https://example.com/a.png' },
  audio: { audioUrl: 'https://example.com/a.mp3' },
  video: { videoUrl: 'https://example.com/a.mp4' },
  file: { fileUrl: 'https://example.com/a.pdf', title: 'Terms' },
  location: { latitude: 45.5, longitude: -73.56, title: 'Office' },
  carousel: { items: [{ title: 'One', actions: [{ action: 'postback', label: 'Pick', value: 'one' }] }] },
  card: { title: 'Card', subtitle: 'Sub', actions: [{ action: 'url', label: 'Open', value: 'https://example.com' }] },
  dropdown: { text: 'Pick one', options: [{ label: 'A', value: 'a' }] },
  choice: { text: 'Yes or no?', options: [{ label: 'Yes', value: 'yes' }] },
  bloc: { items: [{ type: 'text', payload: { text: 'in a bloc' } }] },
}
