import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  DeliveryModes,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Contact } from '../../core/index.js';
import type { I18n } from '../../i18n/index.js';
import { scrubPersonalData, type Logger } from '../../logging/index.js';
import { langOfLocale } from './language.js';

// botframework-connector's types, reached through botbuilder's public class (no transitive import).
type BotFrameworkAuthentication = ConfigurationBotFrameworkAuthentication;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;

/** The standard Bot Framework settings, as validated by src/config/env.ts. */
export interface BotAuthConfig {
  /** The Azure Bot's app id; absent runs anonymously (local use, the Emulator). */
  readonly MicrosoftAppId?: string | undefined;
  /** Its client secret (not needed for UserAssignedMSI). */
  readonly MicrosoftAppPassword?: string | undefined;
  /** MultiTenant, SingleTenant or UserAssignedMSI. */
  readonly MicrosoftAppType?: string | undefined;
  /** The tenant, for SingleTenant and UserAssignedMSI. */
  readonly MicrosoftAppTenantId?: string | undefined;
  /** Where channel tokens' signing keys are published; botbuilder's default (public cloud) when absent. */
  readonly ToBotFromChannelOpenIdMetadataUrl?: string | undefined;
  /** The same for the Bot Framework Emulator's tokens. */
  readonly ToBotFromEmulatorOpenIdMetadataUrl?: string | undefined;
}

/**
 * CloudAdapter with authentication split from the turn, so the route can answer 401 for any failure
 * to authenticate (including Microsoft's OpenID metadata being unreachable) and handle everything else
 * itself, instead of CloudAdapter.process's 500s and console output.
 */
export class BotAdapter extends CloudAdapter {
  constructor(private readonly authentication: BotFrameworkAuthentication) {
    super(authentication);
  }

  /** The authenticated identity of a request, or the reason it is not authentic. */
  async authenticate(activity: Activity, authHeader: string): Promise<{ ok: true; result: AuthenticateRequestResult } | { ok: false; error: unknown }> {
    try {
      return { ok: true, result: await this.authentication.authenticateRequest(activity, authHeader) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  // Inline turns (expectReplies) never send through the Bot Connector, yet botbuilder builds a new
  // connector client, with its HTTP pipeline, for every turn. One client per service URL and audience
  // serves them all; it holds the bot's own credentials, never the caller's.
  private readonly inlineClients = new Map<string, ReturnType<ConnectorFactory['create']>>();

  /** Runs one turn for an authenticated request: the invoke or expectReplies response, if any. */
  run(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const factory = auth.connectorFactory;
    if (activity.deliveryMode !== DeliveryModes.ExpectReplies || !factory) return this.processActivity(auth, activity, logic);
    const connectorFactory: ConnectorFactory = {
      create: (serviceUrl, audience) => {
        const key = `${serviceUrl}\n${audience ?? ''}`;
        let client = this.inlineClients.get(key);
        if (!client) {
          client = factory.create(serviceUrl, audience);
          if (this.inlineClients.size < 16) this.inlineClients.set(key, client);
          client.catch(() => this.inlineClients.delete(key));
        }
        return client;
      },
    };
    return this.processActivity({ ...auth, connectorFactory }, activity, logic);
  }
}

export interface ErrorBoundaryOptions {
  readonly logger: Logger;
  readonly i18n: I18n;
  /** The contact center's details in the corpus being served now. */
  readonly contact: () => Contact;
}

type ClaimsIdentity = Parameters<BotFrameworkAuthentication['createUserTokenClient']>[0];
type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;

/**
 * botbuilder creates a user-token client (OAuth sign-in, which this bot does not use) with its own HTTP
 * pipeline on every turn. It carries the bot's own credentials for the calling app id, so one per app id
 * serves every turn.
 */
class BotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = ['aud', 'appid', 'azp', 'ver'].map((claim) => identity.getClaimValue(claim) ?? '').join('\n');
    let client = this.userTokenClients.get(key);
    if (!client) {
      client = super.createUserTokenClient(identity);
      if (this.userTokenClients.size < 16) this.userTokenClients.set(key, client);
      client.catch(() => this.userTokenClients.delete(key));
    }
    return client;
  }
}

/** Builds the adapter for a configuration, with the channel's one error boundary installed. */
export function createBotAdapter(auth: BotAuthConfig, boundary: ErrorBoundaryOptions): BotAdapter {
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(auth)) if (typeof value === 'string' && value !== '') settings[key] = value;
  const adapter = new BotAdapter(new BotAuthentication(settings));
  installErrorBoundary(adapter, boundary);
  return adapter;
}

/**
 * The one error boundary of the Bot Framework channel: log with context (never the resident's text),
 * then a short apology with the contact center's details, never a stack trace. A failed invoke (a
 * malformed `adaptiveCard/action`, a Teams invoke whose value is not what its handler reads) is the
 * caller's error: it gets an invoke response with status 400 instead of an apology message.
 */
export function installErrorBoundary(adapter: CloudAdapter, { logger, i18n, contact }: ErrorBoundaryOptions): void {
  adapter.onTurnError = async (context, error) => {
    const a = context.activity;
    if (a.type === ActivityTypes.Invoke) {
      const invoke = scrubPersonalData((a.name ?? '').slice(0, 64));
      logger.warn({ err: error, activityId: a.id, invoke, channel: a.channelId }, 'invoke could not be processed: answered 400');
      try {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 400, body: invalidInvokeBody(invoke) } });
      } catch (sendError) {
        logger.error({ err: sendError, activityId: a.id }, 'could not send the invoke response');
      }
      return;
    }
    logger.error({ err: error, activityId: a.id, activityType: a.type, channel: a.channelId, conversationId: a.conversation?.id }, 'bot turn failed');
    const t = i18n.translator(langOfLocale(a.locale) ?? 'sv');
    const { phone, email } = contact();
    try {
      await context.sendActivity({ type: 'message', text: t('error.apology', { phone: phone.display, email }) });
    } catch (sendError) {
      logger.error({ err: sendError, activityId: a.id }, 'could not send the apology');
    }
  };
}

/** The Bot Framework's error shape for invokes (what Teams expects of a failed Adaptive Card action). */
function invalidInvokeBody(invoke: string) {
  return {
    statusCode: 400,
    type: 'application/vnd.microsoft.error',
    value: { code: 'BadRequest', message: `The invoke "${invoke}" could not be processed: its value is missing or not what this invoke carries.` },
  };
}
