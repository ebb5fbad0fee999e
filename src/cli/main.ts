import { startCli } from './start-cli';

startCli(process.argv.slice(2));
