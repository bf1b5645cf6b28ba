import type { OrderStatusSettings, OrderStatusSettingsInput } from '../../schema/orderStatuses';
import { apiPath, http } from './http';

type Body = { orderStatuses: OrderStatusSettings };

/** The reseller's order statuses in workflow order. */
export const getOrderStatuses = () => http.get<Body>(apiPath('order-statuses')).then((body) => body.orderStatuses);

/** The whole list at once, with the version it is based on (a colleague's change in between is a 409). */
export const saveOrderStatuses = (input: OrderStatusSettingsInput) => http.put<Body>(apiPath('order-statuses'), input).then((body) => body.orderStatuses);
