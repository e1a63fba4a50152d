import type { Catalogue } from '../catalogue.js';

/** French (Français). */
const fr: Catalogue = {
  fields: {
    cardNumber: { label: 'Numéro de carte', placeholder: '1234 1234 1234 1234' },
    expiry: { label: 'Date d’expiration', placeholder: 'MM / AA' },
    cvc: { label: 'Code de sécurité', placeholder: 'CVC' },
    postalCode: { label: 'Code postal', placeholder: 'Code postal' },
    accountHolderName: { label: 'Nom du titulaire du compte', placeholder: 'Nom complet' },
    routingNumber: { label: 'Numéro de routage', placeholder: '' },
    accountNumber: { label: 'Numéro de compte', placeholder: '' },
  },
  accountHolderType: {
    label: 'Type de titulaire du compte',
    individual: 'Particulier',
    company: 'Entreprise',
  },
  cvcHint: {
    back: 'Code à 3 chiffres au dos de votre carte',
    front: 'Code à 4 chiffres au recto de votre carte',
  },
  titles: {
    card: 'Paiement par carte',
    cardNumber: 'Numéro de carte',
    cardExpiry: 'Date d’expiration de la carte',
    cardCvc: 'Code de sécurité de la carte',
    bankAccount: 'Compte bancaire',
    controller: 'Connexion de paiement',
  },
  messages: {
    incomplete_number: 'Le numéro de votre carte est incomplet.',
    invalid_number: 'Le numéro de votre carte n’est pas valide.',
    incomplete_expiry: 'La date d’expiration de votre carte est incomplète.',
    invalid_expiry_year_past: 'L’année d’expiration de votre carte est déjà passée.',
    invalid_expiry_month_past: 'La date d’expiration de votre carte est déjà passée.',
    invalid_expiry_year: 'L’année d’expiration de votre carte n’est pas valide.',
    invalid_expiry_month: 'Le mois d’expiration de votre carte n’est pas valide.',
    incomplete_cvc: 'Le code de sécurité de votre carte est incomplet.',
    invalid_cvc: 'Le code de sécurité de votre carte n’est pas valide.',
    incomplete_zip: 'Votre code postal est incomplet.',
    invalid_zip: 'Votre code postal n’est pas valide.',
    incomplete_routing_number: 'Votre numéro de routage est incomplet.',
    invalid_routing_number: 'Votre numéro de routage n’est pas valide.',
    incomplete_account_number: 'Votre numéro de compte est incomplet.',
    invalid_account_number: 'Votre numéro de compte n’est pas valide.',
    incomplete_account_holder_name: 'Saisissez le nom du titulaire du compte.',
    non_ascii_digits: 'Utilisez les chiffres de 0 à 9.',
    incomplete: 'Vos informations de paiement sont incomplètes.',
    invalid: 'Vos informations de paiement ne sont pas valides.',
    api_connection_error:
      'Impossible de joindre le serveur de paiement. Vérifiez votre connexion et réessayez.',
    unexpected_reply: 'Le serveur de paiement a envoyé une réponse inattendue. Réessayez.',
    frame_not_configured:
      'Le formulaire de paiement est en cours de chargement. Réessayez dans un instant.',
    personal_id_number_missing: 'Saisissez le numéro d’identification personnel.',
    frame_not_ready: 'Le formulaire de paiement n’est pas encore prêt. Réessayez.',
    frame_timeout: 'Le formulaire de paiement n’a pas répondu à temps. Réessayez.',
    frame_no_token: 'Le formulaire de paiement a envoyé une réponse inattendue. Réessayez.',
    element_removed: 'Le formulaire de paiement a été retiré de la page.',
    element_not_mounted: 'Le formulaire de paiement ne figure pas sur la page.',
    form_incomplete_card: 'Saisissez les informations de votre carte.',
    form_incomplete_number: 'Saisissez le numéro de votre carte.',
    form_incomplete_expiry: 'Saisissez la date d’expiration de votre carte.',
    form_incomplete_cvc: 'Saisissez le code de sécurité de votre carte.',
    form_incomplete_bank_account: 'Saisissez les informations de votre compte bancaire.',
  },
};

export default fr;
