// The Seam clients doc-harness runs the docs with: each SDK's package, the release a run installs
// by default (the one doc-harness is tested with; `--sdk <language>=…` picks another), and how
// it is pointed at the mock. `{apiKey}` and `{baseUrl}` are filled in per sample.
import type { ClientDescriptions } from '../../harness/profile.ts';
import { projectFile } from '../../harness/project.ts';
import { seamOpenApi, seamTypesVersion } from './openapi.ts';

/** What every Seam SDK reads when a snippet makes its own client without arguments. */
const environment = { SEAM_API_KEY: '{apiKey}', SEAM_ENDPOINT: '{baseUrl}' };

export const seamClients: ClientDescriptions = {
  javascript: {
    package: 'seam',
    version: '1.245.0',
    className: 'Seam',
    variable: 'seam',
    // Action attempts are answered as recorded, never polled: the docs show the first answer.
    options: { endpoint: '{baseUrl}', apiKey: '{apiKey}', waitForActionAttempt: false },
    environment,
  },
  python: {
    package: 'seam',
    version: '3.18.0',
    module: 'seam',
    className: 'Seam',
    variable: 'seam',
    options: { api_key: '{apiKey}', endpoint: '{baseUrl}', wait_for_action_attempt: false },
    environment,
    apiError: 'SeamHttpApiError',
    // The SDK's python_requires.
    minimumPython: '3.11',
  },
  ruby: {
    gem: 'seam',
    require: 'seam',
    module: 'Seam',
    variable: 'seam',
    options: { api_key: '{apiKey}', endpoint: '{baseUrl}', wait_for_action_attempt: false },
    environment,
    // RubyGems is often out of reach; runners/ruby/README.md says what the stand-in matches.
    // The gem is generated from the OpenAPI document @seamapi/types publishes; so is the stand-in's index.
    builtIn: { folder: projectFile('runners', 'ruby', 'client'), api: { source: () => `@seamapi/types ${seamTypesVersion()}`, load: seamOpenApi } },
  },
  php: {
    package: 'seamapi/seam',
    // The release line the built-in client is modelled on.
    constraint: '^3',
    // 3.x names it SeamClient, 4.x Seam.
    classes: ['Seam\\SeamClient', 'Seam\\Seam'],
    variable: 'seam',
    environment: { SEAM_API_KEY: '{apiKey}' },
    builtIn: { folder: projectFile('runners', 'php', 'client'), model: '3.x' },
  },
  go: {
    module: 'github.com/seamapi/go',
    version: 'v0.6.1',
    variable: 'client',
    // Aliases of the glue file alone, named so that they cannot be the snippet's `client`.
    imports: { docharnessclient: 'github.com/seamapi/go/client', docharnessoption: 'github.com/seamapi/go/option' },
    type: '*docharnessclient.Client',
    construct: 'docharnessclient.NewClient(docharnessoption.WithBaseURL(baseURL), docharnessoption.WithApiKey(apiKey))',
  },
  curl: { environment: { SEAM_API_KEY: '{apiKey}' } },
  seam_cli: {
    package: '@seamapi/cli',
    // The CLI release `seam` 1.245.0 depends on.
    version: '0.42.0',
    bin: 'seam',
    environment: { SEAM_CLI_TOKEN: '{apiKey}', SEAM_CLI_ENDPOINT: '{baseUrl}' },
  },
};
