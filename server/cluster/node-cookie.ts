/** The cookie in which each process of a cluster names itself, for the load balancer (see nginx.conf). */
export const NODE_COOKIE = 'posko_node';
