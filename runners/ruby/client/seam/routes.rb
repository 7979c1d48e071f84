# frozen_string_literal: true

module Seam
  # The namespaces and methods, made by reflection over the API index: every namespace path is a
  # class (`/acs/users` → Seam::Clients::AcsUsers) with a reader per sub-namespace and a method per
  # route, as the gem's generated code has them. A method call is `POST /acs/users/<method>` with
  # its keyword arguments (nil ones left out) as the JSON body, answered with the value under the
  # route's response key made into resources; nil for a route without one.
  module Clients
    # The request every route method makes; mixed into the namespaces and the client itself.
    module Calls
      private

      def call_route(path, args, kwargs)
        route = BuiltIn::ApiIndex.route(path)
        key = route["responseKey"]
        action = key == "action_attempt"
        # Only the methods that answer with an action attempt take this keyword.
        wait = action ? kwargs.delete(:wait_for_action_attempt) : nil
        Signature.check(route, args, kwargs)
        response = @client.post(path, kwargs.compact)
        return nil if key.nil?

        result = Resources.load(route["resource"], read(response, key, path, route["list"]))
        return result unless action

        ActionAttemptResolver.resolve(result, @client, wait.nil? ? @defaults.wait_for_action_attempt : wait)
      end

      # The value under the response key, checked to be the object or list the route returns.
      def read(response, key, path, list)
        unless response.body.is_a?(Hash)
          raise Http::InvalidResponseError.new(path, key, "got #{response.body.class} instead of a response object")
        end
        raise Http::InvalidResponseError.new(path, key, "which the response does not contain") unless response.body.key?(key)

        value = response.body[key]
        if list == true && !value.is_a?(Array)
          raise Http::InvalidResponseError.new(path, key, "got #{value.class} instead of a list")
        elsif list == false && !value.is_a?(Hash)
          raise Http::InvalidResponseError.new(path, key, "got #{value.class} instead of an object")
        end
        value
      end
    end

    class Namespace
      include Calls

      def initialize(client:, defaults:)
        @client = client
        @defaults = defaults
      end

      # Short, and without the transport's headers (Ruby 3.1 puts it in NoMethodError messages).
      def inspect
        "#<#{self.class.name}>"
      end
    end

    # A generated method's own argument checks: keywords only, required ones present, no others.
    module Signature
      module_function

      def check(route, args, kwargs)
        required = route["required"]
        unless args.empty?
          need = required.empty? ? "" : "; required keyword#{"s" if required.length > 1}: #{required.join(", ")}"
          raise ArgumentError, "wrong number of arguments (given #{args.length}, expected 0#{need})"
        end
        names = kwargs.keys.map(&:to_s)
        missing = required - names
        raise ArgumentError, "missing #{plural("keyword", missing)}: #{missing.map { |name| name.to_sym.inspect }.join(", ")}" unless missing.empty?

        unknown = kwargs.keys.reject { |name| route["params"].include?(name.to_s) }
        raise ArgumentError, "unknown #{plural("keyword", unknown)}: #{unknown.map(&:inspect).join(", ")}" unless unknown.empty?
      end

      def plural(word, list)
        list.length > 1 ? "#{word}s" : word
      end
    end

    # `/acs/users` → "AcsUsers".
    def self.class_name(path)
      path.delete_prefix("/").split(%r{[/_-]}).map(&:capitalize).join
    end

    # Defines `target`'s readers and methods for the words under `path` ("" is the client itself).
    def self.define_members(target, path)
      BuiltIn::ApiIndex.children(path).each do |word, kind|
        child = "#{path}/#{word}"
        if kind == :namespace
          klass = define_namespace(child)
          target.define_method(word) { (@namespaces ||= {})[word] ||= klass.new(client: @client, defaults: @defaults) }
        else
          target.define_method(word) { |*args, **kwargs| call_route(child, args, kwargs) }
        end
      end
    end

    def self.define_namespace(path)
      name = class_name(path)
      return const_get(name, false) if const_defined?(name, false)

      klass = const_set(name, Class.new(Namespace))
      define_members(klass, path)
      klass
    end
  end

  # The top-level namespaces and routes, included into the client classes.
  module Routes
    include Clients::Calls
  end
  Clients.define_members(Routes, "")
end
