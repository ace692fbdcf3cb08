/** Opening hours of the contact center: pure, clock injected, computed in the center's time zone. */
export { hoursOn, openingStatus, type Clock, type ClockTime, type NextOpening, type OpeningHours, type OpeningStatus } from './opening-hours.js';
export { isSwedishPublicHoliday } from './holidays.js';
export { zonedTime, type ZonedTime } from './zoned-time.js';
