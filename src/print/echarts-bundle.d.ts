/** ECharts' own one-file build: the same library as `echarts`, loaded as one module instead of about a thousand. */
declare module 'echarts/dist/echarts.esm.min.mjs' {
  export * from 'echarts';
}
