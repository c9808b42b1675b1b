import { Global, Inject, Injectable, Module, DynamicModule, Optional } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { chinaDateOf } from './china-time';

/**
 * The product's one source of business time: "today", deadlines, months and periods
 * are read from here, in China time. Security expiries (tokens, throttling windows)
 * stay on real time. Outside production `CLOCK_START` starts it at another instant,
 * from which it runs on, so the suite can run as if it were another day; tests in
 * the same process can also move it with `travelTo`.
 */
@Injectable()
export class Clock {
  private offsetMs = 0;

  constructor(@Optional() @Inject(APP_CONFIG) config?: AppConfig) {
    if (config?.clockStart) this.travelTo(config.clockStart);
  }

  /** The current instant. */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today's date in China (`YYYY-MM-DD`). */
  chinaToday(): string {
    return chinaDateOf(this.now());
  }

  /** The current China-time year. */
  chinaYear(): number {
    return Number(this.chinaToday().slice(0, 4));
  }

  /** Moves the clock so that it reads `instant` now and runs on from there. */
  travelTo(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }
}

/** Provides the one `Clock` to every module of an app. */
@Global()
@Module({})
export class ClockModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ClockModule,
      providers: [{ provide: Clock, useValue: new Clock(config) }],
      exports: [Clock],
    };
  }
}
