/**
 * Redraws a view when one of the relative times it shows (`3 d ago`) would next read differently:
 * one timer, re-armed on every draw, so an idle view reads what a hover drawn now reads.
 */
import type * as vscode from 'vscode';
import { msUntilRelativeTimeChanges } from '../../core/present';

export class RelativeTimeRedraw implements vscode.Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    /** The dates the view shows as relative times, read when it draws. */
    private readonly datesShown: () => Iterable<string | null>,
    private readonly redraw: () => void,
  ) {}

  /** Arms the timer for the soonest change of what the view now shows (a redraw re-arms it). */
  schedule(): void {
    clearTimeout(this.timer);
    const wait = msUntilRelativeTimeChanges(this.datesShown(), Date.now());
    this.timer = wait === null ? undefined : setTimeout(() => this.redraw(), wait);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
