/**
 * The web console: server-rendered Thymeleaf pages (estate dashboard, resource pages, execution
 * requests, confirmation, evidence, audit) over the other modules' public services, with htmx for
 * live refresh and uPlot for charts, all served from WebJars.
 */
package io.continuity.server.web.ui;
