/** A reactive value for tests: rune classes read it through getters and follow its changes, as they follow the workspace's. */
export class Box<T> {
  value = $state.raw<T>() as T;

  constructor(value: T) {
    this.value = value;
  }
}
